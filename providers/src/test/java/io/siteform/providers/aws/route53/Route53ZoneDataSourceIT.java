package io.siteform.providers.aws.route53;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siteform.engine.provider.DataRequest;
import io.siteform.engine.provider.LiveResource;
import io.siteform.engine.resource.Address;
import io.siteform.error.ProviderException;
import io.siteform.providers.aws.AwsClients;
import io.siteform.providers.aws.Waits;
import io.siteform.providers.testing.MotoExtension;
import io.siteform.providers.testing.MotoServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.route53.Route53Client;

@ExtendWith(MotoExtension.class)
class Route53ZoneDataSourceIT {
  private static final Address ADDRESS = new Address("route53_zone", "site");

  private final AwsClients clients;
  private final Route53Client r53;
  private final Route53ZoneDataSource source;

  Route53ZoneDataSourceIT(MotoServer moto) {
    this.clients = moto.newClients();
    this.r53 = clients.route53();
    this.source = new Route53ZoneDataSource(clients, Waits.DEFAULTS);
  }

  @AfterEach
  void closeClients() {
    clients.close();
  }

  private String publicZone(String name, String ref) {
    return RecordKey.zone(r53.createHostedZone(b -> b.name(name).callerReference(ref)).hostedZone().id());
  }

  private String privateZone(String name) {
    return RecordKey.zone(r53.createHostedZone(b -> b.name(name).callerReference("private-" + name)
        .hostedZoneConfig(c -> c.privateZone(true)).vpc(v -> v.vpcId("vpc-12345678").vpcRegion("eu-west-1")))
        .hostedZone().id());
  }

  private LiveResource read(String name) {
    return source.read(new DataRequest(ADDRESS, "us-east-1", Map.of("name", name)));
  }

  @Test
  void findsThePublicZoneOfExactlyThatNameIgnoringPrivateOnes() {
    privateZone("example.com");
    publicZone("sub.example.com", "sub");
    publicZone("example.org", "org");
    String id = publicZone("example.com", "public");

    LiveResource found = read("Example.COM.");

    assertThat(found.id()).isEqualTo(id).doesNotContain("/");
    assertThat(found.attributes()).containsEntry("zone_id", id).containsEntry("name", "example.com");
    assertThat((List<?>) found.attributes().get("name_servers")).isNotEmpty();
  }

  @Test
  void noZoneOfThatNameSaysHowToCreateOne() {
    publicZone("example.org", "org");

    assertThatThrownBy(() -> read("example.com"))
        .isInstanceOf(ProviderException.class)
        .hasMessage("route53_zone.site: read: no public Route53 hosted zone named example.com in this account:"
            + " create it (aws route53 create-hosted-zone --name example.com --caller-reference siteform-example.com)"
            + " or fix domain.hosted_zone");
  }

  @Test
  void aPrivateZoneAloneIsNotEnough() {
    privateZone("example.com");

    assertThatThrownBy(() -> read("example.com"))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("no public Route53 hosted zone named example.com in this account"
            + " (only a private one, which the internet cannot see)");
  }

  @Test
  void twoPublicZonesOfTheSameNameAreAnErrorListingBoth() {
    String first = publicZone("example.com", "one");
    String second = publicZone("example.com", "two");

    assertThatThrownBy(() -> read("example.com"))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("2 public Route53 hosted zones are named example.com")
        .hasMessageContaining(first).hasMessageContaining(second)
        .hasMessageContaining("siteform cannot choose");
  }
}
