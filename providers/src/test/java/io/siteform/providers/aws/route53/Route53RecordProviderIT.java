package io.siteform.providers.aws.route53;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siteform.engine.provider.CreateRequest;
import io.siteform.engine.provider.DeleteRequest;
import io.siteform.engine.provider.ImportRequest;
import io.siteform.engine.provider.LiveResource;
import io.siteform.engine.provider.Progress;
import io.siteform.engine.provider.ReadRequest;
import io.siteform.engine.provider.UpdateRequest;
import io.siteform.engine.resource.Address;
import io.siteform.error.ProviderException;
import io.siteform.providers.aws.AwsClients;
import io.siteform.providers.aws.Waits;
import io.siteform.providers.testing.MotoExtension;
import io.siteform.providers.testing.MotoServer;
import io.siteform.state.Values;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

@ExtendWith(MotoExtension.class)
class Route53RecordProviderIT {
  private static final String REGION = "us-east-1";
  private static final Address VALIDATION = new Address("route53_record", "validation_www");
  private static final Address ALIAS_A = new Address("route53_record", "www_a");
  private static final Address ALIAS_AAAA = new Address("route53_record", "www_aaaa");

  private final AwsClients clients;
  private final Route53Client r53;
  private final Route53RecordProvider provider;
  private String zone;

  private final MotoServer moto;

  Route53RecordProviderIT(MotoServer moto) {
    this.moto = moto;
    this.clients = moto.newClients();
    this.r53 = clients.route53();
    this.provider = new Route53RecordProvider(clients, new Waits(Duration.ofSeconds(30), Duration.ofMillis(100)));
  }

  /** After the extension has wiped moto. */
  @BeforeEach
  void createZone() {
    zone = RecordKey.zone(r53.createHostedZone(b -> b.name("example.com").callerReference("it")).hostedZone().id());
  }

  @AfterEach
  void closeClients() {
    clients.close();
  }

  private Map<String, Object> cname(String name, long ttl, String value) {
    return Map.of("zone_id", zone, "name", name, "type", "CNAME", "ttl", ttl, "records", List.of(value));
  }

  private Map<String, Object> alias(String type, String target) {
    return Map.of("zone_id", zone, "name", "www.example.com", "type", type, "alias", Map.of(
        "dns_name", target, "hosted_zone_id", Route53RecordProvider.CLOUDFRONT_ZONE, "evaluate_target_health", false));
  }

  private LiveResource create(Address address, Map<String, Object> desired) {
    return provider.create(new CreateRequest(address, REGION, desired, Progress.NONE));
  }

  private Optional<LiveResource> read(Address address, String id, Map<String, Object> prior) {
    return provider.read(new ReadRequest(address, REGION, id, prior));
  }

  private void byHand(ChangeAction action, String name, String type, String value) {
    r53.changeResourceRecordSets(b -> b.hostedZoneId(zone).changeBatch(c -> c.changes(ch -> ch.action(action)
        .resourceRecordSet(ResourceRecordSet.builder().name(name).type(type).ttl(300L)
            .resourceRecords(r -> r.value(value)).build()))));
  }

  private List<ResourceRecordSet> listed(String name, String type) {
    return r53.listResourceRecordSets(b -> b.hostedZoneId(zone)).resourceRecordSets().stream()
        .filter(r -> r.name().equals(name + ".") && r.typeAsString().equals(type)).toList();
  }

  @Test
  void cnameLifecycle() {
    Map<String, Object> desired = cname("_3f2a.www.example.com", 300, "_9c1d.xyz.acm-validations.aws");

    LiveResource created = create(VALIDATION, desired);

    assertThat(created.id()).isEqualTo(zone + "__3f2a.www.example.com_CNAME");
    assertThat(created.attributes()).isEqualTo(Values.copyMap(desired));
    assertThat(read(VALIDATION, created.id(), created.attributes())).contains(created);

    Map<String, Object> changed = cname("_3f2a.www.example.com", 60, "_0000.xyz.acm-validations.aws");
    LiveResource updated = provider.update(
        new UpdateRequest(VALIDATION, REGION, created.id(), created.attributes(), changed, Progress.NONE));
    assertThat(updated).isEqualTo(new LiveResource(created.id(), changed));
    assertThat(listed("_3f2a.www.example.com", "CNAME")).singleElement()
        .satisfies(r -> assertThat(r.ttl()).isEqualTo(60L));

    provider.delete(new DeleteRequest(VALIDATION, REGION, created.id(), updated.attributes(), Progress.NONE));
    assertThat(read(VALIDATION, created.id(), updated.attributes())).isEmpty();
    assertThat(listed("_3f2a.www.example.com", "CNAME")).isEmpty();
    provider.delete(new DeleteRequest(VALIDATION, REGION, created.id(), updated.attributes(), Progress.NONE));
  }

  @Test
  void aliasRecordsForTheDistributionReadBackAsDesired() {
    Map<String, Object> a = alias("A", "d111111abcdef8.cloudfront.net");
    Map<String, Object> aaaa = alias("AAAA", "d111111abcdef8.cloudfront.net");

    LiveResource createdA = create(ALIAS_A, a);
    LiveResource createdAaaa = create(ALIAS_AAAA, aaaa);

    assertThat(createdA).isEqualTo(new LiveResource(zone + "_www.example.com_A", a));
    assertThat(createdAaaa).isEqualTo(new LiveResource(zone + "_www.example.com_AAAA", aaaa));
    assertThat(read(ALIAS_A, createdA.id(), createdA.attributes())).contains(createdA);
    assertThat(listed("www.example.com", "A")).singleElement().satisfies(r -> {
      assertThat(r.aliasTarget().dnsName()).startsWith("d111111abcdef8.cloudfront.net");
      assertThat(r.aliasTarget().hostedZoneId()).isEqualTo("Z2FDTNDATAQYW2");
    });

    // a new distribution: the alias is ours, so it is UPSERTed
    Map<String, Object> moved = alias("A", "d222222abcdef8.cloudfront.net");
    LiveResource updated = provider.update(
        new UpdateRequest(ALIAS_A, REGION, createdA.id(), createdA.attributes(), moved, Progress.NONE));
    assertThat(updated.attributes()).isEqualTo(Values.copyMap(moved));

    provider.delete(new DeleteRequest(ALIAS_A, REGION, createdA.id(), updated.attributes(), Progress.NONE));
    provider.delete(new DeleteRequest(ALIAS_AAAA, REGION, createdAaaa.id(), createdAaaa.attributes(), Progress.NONE));
    assertThat(listed("www.example.com", "A")).isEmpty();
    assertThat(listed("www.example.com", "AAAA")).isEmpty();
  }

  /**
   * Route53 allows about five requests a second per account and answers Throttling past it: a
   * parallel apply's records still all go through (the SDK's standard retry, patient change polls).
   */
  @Test
  void recordsCreatedInParallelGoThroughRoute53sThrottling() throws Exception {
    moto.untidy("route53_throttling");
    moto.route53Rate(5);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
    try {
      List<java.util.concurrent.Future<LiveResource>> made = new java.util.ArrayList<>();
      for (int i = 0; i < 6; i++) {
        String name = "r" + i + ".example.com";
        made.add(pool.submit(() -> create(new Address("route53_record", "r"), cname(name, 300, "x.example.net"))));
      }
      for (var f : made) assertThat(f.get().attributes()).containsEntry("type", "CNAME");
    } finally {
      pool.shutdownNow();
    }
    for (int i = 0; i < 6; i++) assertThat(listed("r" + i + ".example.com", "CNAME")).hasSize(1);
  }

  /**
   * ACM gives the same validation CNAME for a name every time, so a domain validated before holds
   * it already; a create whose answer was lost left it there too. Exactly the values: adopted.
   */
  @Test
  void aRecordHoldingExactlyTheValuesSiteformWritesIsAdoptedNotRefused() {
    String acmName = "_3639ac514e785e898d2646601fa951d5.www.example.com";
    String acmValue = "_98d2646601fa951d53639ac514e785e8.acm-validations.aws";
    byHand(ChangeAction.CREATE, acmName, "CNAME", acmValue);
    Map<String, Object> desired = cname(acmName, 300, acmValue);
    List<String> progress = new java.util.ArrayList<>();

    assertThat(provider.occupant(VALIDATION, REGION, desired)).isEmpty();
    LiveResource adopted = provider.create(new CreateRequest(VALIDATION, REGION, desired, progress::add));

    assertThat(adopted.id()).isEqualTo(zone + "_" + acmName + "_CNAME");
    assertThat(adopted.attributes()).isEqualTo(Values.copyMap(desired));
    assertThat(progress).contains("adopting the CNAME record for " + acmName
        + ", which already holds exactly the values siteform writes");
    assertThat(listed(acmName, "CNAME")).hasSize(1);
  }

  @Test
  void aRecordMadeByHandIsNeverOverwrittenAndIsFoundBeforehand() {
    byHand(ChangeAction.CREATE, "www.example.com", "CNAME", "old-site.example.net");
    Address address = new Address("route53_record", "www");
    Map<String, Object> desired = cname("www.example.com", 300, "d111111abcdef8.cloudfront.net");

    assertThat(provider.occupant(address, REGION, desired)).contains(new LiveResource(
        zone + "_www.example.com_CNAME", cname("www.example.com", 300, "old-site.example.net")));
    assertThatThrownBy(() -> create(address, desired))
        .isInstanceOfSatisfying(ProviderException.class, e -> {
          assertThat(e.getMessage()).isEqualTo("route53_record.www: create: a CNAME record for www.example.com"
              + " already exists in zone " + zone + " and siteform did not create it: adopt it with `siteform import"
              + " route53_record.www " + zone + "_www.example.com_CNAME` or remove it (InvalidChangeBatch"
              + e.requestId().map(id -> ", request id " + id).orElse("") + ")");
        });
    assertThat(listed("www.example.com", "CNAME")).singleElement()
        .satisfies(r -> assertThat(r.resourceRecords().get(0).value()).isEqualTo("old-site.example.net"));

    assertThat(provider.occupant(address, REGION, cname("static.example.com", 300, "x.example.net"))).isEmpty();
    assertThat(provider.occupant(address, REGION, Map.of("zone_id", zone, "name", "www.example.com"))).isEmpty();
  }

  @Test
  void importAdoptsARecordByItsIdAndRefusesAMalformedOne() {
    byHand(ChangeAction.CREATE, "static.example.com", "CNAME", "Assets.Example.NET.");
    Address address = new Address("route53_record", "static");

    assertThat(provider.importResource(new ImportRequest(address, REGION, zone + "_static.example.com_CNAME")))
        .contains(new LiveResource(zone + "_static.example.com_CNAME",
            cname("static.example.com", 300, "assets.example.net")));
    assertThat(provider.importResource(new ImportRequest(address, REGION, zone + "_nothing.example.com_CNAME")))
        .isEmpty();
    assertThatThrownBy(() -> provider.importResource(new ImportRequest(address, REGION, "static.example.com")))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("write ZONEID_NAME_TYPE");
  }

  /** Route53 deletes only on an exact match: the delete must send what is there now, not what state says. */
  @Test
  void deleteOfARecordChangedByHandSendsItsCurrentValues() {
    LiveResource created = create(VALIDATION, cname("_3f2a.www.example.com", 300, "_9c1d.xyz.acm-validations.aws"));
    byHand(ChangeAction.UPSERT, "_3f2a.www.example.com", "CNAME", "edited.example.net");

    assertThat(read(VALIDATION, created.id(), created.attributes()).orElseThrow().attributes())
        .containsEntry("records", List.of("edited.example.net"));
    provider.delete(new DeleteRequest(VALIDATION, REGION, created.id(), created.attributes(), Progress.NONE));

    assertThat(listed("_3f2a.www.example.com", "CNAME")).isEmpty();
  }

  @Test
  void aRecordInAZoneThatIsGoneIsGone() {
    LiveResource created = create(VALIDATION, cname("_3f2a.www.example.com", 300, "_9c1d.xyz.acm-validations.aws"));
    String otherZone = "Z" + "0".repeat(20);
    String id = created.id().replace(zone, otherZone);

    assertThat(read(VALIDATION, id, Map.of())).isEmpty();
    provider.delete(new DeleteRequest(VALIDATION, REGION, id, Map.of(), Progress.NONE));
    assertThat(listed("_3f2a.www.example.com", "CNAME")).hasSize(1);
  }
}
