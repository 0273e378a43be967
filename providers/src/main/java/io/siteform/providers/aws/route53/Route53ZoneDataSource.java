package io.siteform.providers.aws.route53;

import static io.siteform.providers.aws.AwsFailures.call;

import io.siteform.engine.provider.DataRequest;
import io.siteform.engine.provider.DataSource;
import io.siteform.engine.provider.LiveResource;
import io.siteform.engine.resource.Address;
import io.siteform.error.Operation;
import io.siteform.error.ProviderException;
import io.siteform.providers.aws.AwsClients;
import io.siteform.providers.aws.DnsNames;
import io.siteform.providers.aws.Waits;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.DelegationSet;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.ListHostedZonesByNameResponse;

/**
 * {@code route53_zone}: the public hosted zone a site's names live in, found by its name ({@code
 * {name: example.com}}, from {@code domain.hosted_zone}). Attributes: {@code zone_id} (without
 * "/hostedzone/", also the id), {@code name}, {@code name_servers}. Private zones are ignored: a
 * certificate's validation records and a distribution's aliases must resolve publicly. No zone,
 * or several of that name, stops the plan: siteform cannot guess which one the registrar uses.
 */
public final class Route53ZoneDataSource implements DataSource {
  public static final String TYPE = "route53_zone";

  private final AwsClients clients;

  public Route53ZoneDataSource(AwsClients clients, Waits waits) {
    this.clients = Objects.requireNonNull(clients, "clients");
    Objects.requireNonNull(waits, "waits"); // a lookup never waits
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public LiveResource read(DataRequest request) {
    Address address = request.address();
    String query = request.text("name", "the zone's name");
    String name = DnsNames.normal(query);
    Route53Client r53 = clients.route53();
    List<HostedZone> publicZones = new ArrayList<>();
    int privateZones = 0;
    String dnsName = name;
    String zoneId = null;
    // Zones come sorted by name from dnsName on, so this name's zones come first.
    pages:
    while (true) {
      String from = dnsName;
      String fromId = zoneId;
      ListHostedZonesByNameResponse page = call(address, Operation.READ,
          () -> r53.listHostedZonesByName(b -> b.dnsName(from).hostedZoneId(fromId).maxItems("100")));
      for (HostedZone z : page.hostedZones()) {
        if (!DnsNames.normal(z.name()).equals(name)) break pages;
        if (z.config() != null && Boolean.TRUE.equals(z.config().privateZone())) {
          privateZones++;
        } else {
          publicZones.add(z);
        }
      }
      // Unset on some emulators: not truncated.
      if (!Boolean.TRUE.equals(page.isTruncated())) break;
      dnsName = page.nextDNSName();
      zoneId = page.nextHostedZoneId();
    }
    if (publicZones.isEmpty()) {
      throw new ProviderException(address.toString(), Operation.READ, "no public Route53 hosted zone named " + name
          + " in this account" + (privateZones > 0 ? " (only a private one, which the internet cannot see)" : "")
          + ": create it (aws route53 create-hosted-zone --name " + name
          + " --caller-reference siteform-" + name + ") or fix domain.hosted_zone");
    }
    if (publicZones.size() > 1) {
      throw new ProviderException(address.toString(), Operation.READ, publicZones.size()
          + " public Route53 hosted zones are named " + name + " ("
          + publicZones.stream().map(z -> RecordKey.zone(z.id())).sorted().collect(Collectors.joining(", "))
          + ") and siteform cannot choose: delete the ones the domain's registrar does not delegate to");
    }
    String id = RecordKey.zone(publicZones.get(0).id());
    DelegationSet delegation = call(address, Operation.READ, () -> r53.getHostedZone(b -> b.id(id))).delegationSet();
    List<String> nameServers = delegation == null ? List.of() : delegation.nameServers();
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("zone_id", id);
    a.put("name", name);
    a.put("name_servers", List.copyOf(nameServers));
    return new LiveResource(id, a);
  }
}
