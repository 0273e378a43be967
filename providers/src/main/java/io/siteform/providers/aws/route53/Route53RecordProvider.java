package io.siteform.providers.aws.route53;

import static io.siteform.providers.aws.AwsFailures.is;

import io.siteform.engine.provider.CreateRequest;
import io.siteform.engine.provider.DeleteRequest;
import io.siteform.engine.provider.ImportRequest;
import io.siteform.engine.provider.LiveResource;
import io.siteform.engine.provider.Progress;
import io.siteform.engine.provider.Provider;
import io.siteform.engine.provider.ReadRequest;
import io.siteform.engine.provider.ResourceSchema;
import io.siteform.engine.provider.UpdateRequest;
import io.siteform.engine.resource.Address;
import io.siteform.error.Operation;
import io.siteform.error.ProviderException;
import io.siteform.providers.aws.AwsClients;
import io.siteform.providers.aws.AwsFailures;
import io.siteform.providers.aws.DnsNames;
import io.siteform.providers.aws.Poller;
import io.siteform.providers.aws.Waits;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.AliasTarget;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * {@code route53_record}: one simple record set (no routing policy) in a hosted zone. The id is
 * {@code ZONEID_NAME_TYPE} (see {@link RecordKey}); Route53 is global, so the region is ignored.
 *
 * <p>Attributes: {@code zone_id} (without "/hostedzone/"), {@code name} (lower case, no trailing
 * dot), {@code type} (A, AAAA or CNAME), all three forcing a new record; then either {@code ttl}
 * (Long) and {@code records} (List of String; CNAME targets lower case without the trailing dot),
 * or {@code alias} {@code {dns_name, hosted_zone_id, evaluate_target_health}} (a CloudFront alias
 * names hosted zone {@value #CLOUDFRONT_ZONE}).
 *
 * <p>A create sends CREATE, never UPSERT: a record of that name and type that siteform did not
 * create is refused by Route53 and reported with how to adopt it, never overwritten. Updates
 * UPSERT (the record is siteform's), deletes send DELETE with the record's current values (Route53
 * deletes only on an exact match). Each change is followed by a wait, bounded by {@link Waits},
 * until Route53 reports it INSYNC on all its name servers.
 */
public final class Route53RecordProvider implements Provider {
  public static final String TYPE = "route53_record";
  /** The hosted zone every CloudFront distribution's domain name is in (API_AliasTarget). */
  public static final String CLOUDFRONT_ZONE = "Z2FDTNDATAQYW2";

  private static final ResourceSchema SCHEMA =
      io.siteform.engine.provider.Schemas.ROUTE53_RECORD;

  private final AwsClients clients;
  private final Poller poller;
  /** The refresh's record sets by zone and name: a name's A and AAAA records cost one request between them. */
  private final io.siteform.providers.aws.RunReads<software.amazon.awssdk.services.route53.model.RRType,
      Optional<List<ResourceRecordSet>>> named =
      new io.siteform.providers.aws.RunReads<>(software.amazon.awssdk.services.route53.model.RRType.class);

  public Route53RecordProvider(AwsClients clients, Waits waits) {
    this.clients = Objects.requireNonNull(clients, "clients");
    this.poller = new Poller(waits);
  }

  @Override
  public ResourceSchema schema() {
    return SCHEMA;
  }

  @Override
  public Optional<LiveResource> read(ReadRequest request) {
    RecordKey key = RecordKey.parse(request.address(), Operation.READ, request.id());
    return named.get(software.amazon.awssdk.services.route53.model.RRType.fromValue(key.type()),
            key.zoneId() + "/" + key.name(), () -> recordSets(request.address(), Operation.READ, key))
        .flatMap(sets -> simple(sets, key))
        .map(r -> live(key, r, request.prior()));
  }

  /** Every record set named {@code key.name()}, of any type, or empty if there is no such zone. */
  private Optional<List<ResourceRecordSet>> recordSets(Address address, Operation op, RecordKey key) {
    Route53Client r53 = clients.route53();
    List<ResourceRecordSet> out = new java.util.ArrayList<>();
    String startName = key.name();
    String startType = null;
    String startIdentifier = null;
    while (true) {
      String name = startName;
      String type = startType;
      String identifier = startIdentifier;
      ListResourceRecordSetsResponse page;
      try {
        page = r53.listResourceRecordSets(b -> b.hostedZoneId(key.zoneId())
            .startRecordName(name).startRecordType(type).startRecordIdentifier(identifier).maxItems("10"));
      } catch (SdkException e) {
        if (is(e, "NoSuchHostedZone")) return Optional.empty();
        throw AwsFailures.wrap(address, op, e);
      }
      // Listed from the name on, in Route53's order: the name's record sets come first, if any.
      for (ResourceRecordSet r : page.resourceRecordSets()) {
        if (!DnsNames.normal(r.name()).equals(key.name())) return Optional.of(out);
        out.add(r);
      }
      if (!Boolean.TRUE.equals(page.isTruncated())) return Optional.of(out);
      startName = page.nextRecordName();
      startType = page.nextRecordTypeAsString();
      startIdentifier = page.nextRecordIdentifier();
    }
  }

  @Override
  public Optional<LiveResource> importResource(ImportRequest request) {
    RecordKey key = RecordKey.parse(request.address(), Operation.IMPORT, request.id());
    return find(request.address(), Operation.IMPORT, key).map(r -> live(key, r, Map.of()));
  }

  @Override
  public Optional<LiveResource> occupant(Address address, String region, Map<String, Object> desired) {
    RecordKey key;
    try {
      key = RecordKey.of(address, Operation.READ, desired);
    } catch (ProviderException notYetKnown) {
      return Optional.empty(); // the zone or name is known only after apply: nothing to collide with yet
    }
    return find(address, Operation.READ, key).map(r -> live(key, r, desired)).filter(r -> !holdsExactly(r, desired));
  }

  /**
   * Whether a record already there is exactly the one siteform would write: a validation CNAME
   * ACM asked for before (it gives the same one for a name every time, terraform-provider-aws#13653),
   * or a record an earlier apply created and whose answer was lost. Such a record is adopted; one
   * with any other value is somebody else's.
   */
  private static boolean holdsExactly(LiveResource live, Map<String, Object> desired) {
    return desired.entrySet().stream().allMatch(e -> Objects.equals(live.attributes().get(e.getKey()), e.getValue()));
  }

  @Override
  public LiveResource create(CreateRequest request) {
    Address address = request.address();
    RecordKey key = RecordKey.of(address, Operation.CREATE, request.desired());
    ResourceRecordSet record = recordSet(address, Operation.CREATE, key, request.desired());
    String change;
    try {
      change = change(key, ChangeAction.CREATE, record);
    } catch (SdkException e) {
      Optional<LiveResource> there = is(e, "InvalidChangeBatch")
          ? find(address, Operation.CREATE, key).map(r -> live(key, r, request.desired())) : Optional.empty();
      if (there.isPresent() && holdsExactly(there.get(), request.desired())) {
        request.progress().report("adopting the " + key.type() + " record for " + key.name()
            + ", which already holds exactly the values siteform writes");
        return there.get();
      }
      if (there.isPresent()) {
        ProviderException wrapped = AwsFailures.wrap(address, Operation.CREATE, e);
        throw new ProviderException(address.toString(), Operation.CREATE, "a " + key.type() + " record for " + key.name()
            + " already exists in zone " + key.zoneId() + " and siteform did not create it: adopt it with"
            + " `siteform import " + address + " " + key.id() + "` or remove it",
            wrapped.errorCode().orElse(null), wrapped.requestId().orElse(null), e);
      }
      throw AwsFailures.wrap(address, Operation.CREATE, e);
    }
    awaitInSync(address, Operation.CREATE, key, change, request.progress());
    return readBack(address, Operation.CREATE, key, request.desired());
  }

  @Override
  public LiveResource update(UpdateRequest request) {
    Address address = request.address();
    RecordKey key = RecordKey.parse(address, Operation.UPDATE, request.id());
    ResourceRecordSet record = recordSet(address, Operation.UPDATE, key, request.desired());
    String change = AwsFailures.call(address, Operation.UPDATE, () -> change(key, ChangeAction.UPSERT, record));
    awaitInSync(address, Operation.UPDATE, key, change, request.progress());
    return readBack(address, Operation.UPDATE, key, request.desired());
  }

  @Override
  public void delete(DeleteRequest request) {
    Address address = request.address();
    RecordKey key = RecordKey.parse(address, Operation.DELETE, request.id());
    Optional<ResourceRecordSet> live = find(address, Operation.DELETE, key);
    if (live.isEmpty()) return;
    // Exactly the current values: Route53 deletes nothing else. An alias has no TTL.
    ResourceRecordSet current = live.get().aliasTarget() != null ? live.get().toBuilder().ttl(null).build() : live.get();
    String change;
    try {
      change = change(key, ChangeAction.DELETE, current);
    } catch (SdkException e) {
      // Someone removed it between our read and our delete: it is gone, as wanted.
      if (is(e, "InvalidChangeBatch") && find(address, Operation.DELETE, key).isEmpty()) return;
      throw AwsFailures.wrap(address, Operation.DELETE, e);
    }
    awaitInSync(address, Operation.DELETE, key, change, request.progress());
  }

  private String change(RecordKey key, ChangeAction action, ResourceRecordSet record) {
    // What was read of this name before the change is no longer what Route53 holds.
    named.forget(key.zoneId() + "/" + key.name());
    return clients.route53().changeResourceRecordSets(b -> b.hostedZoneId(key.zoneId())
            .changeBatch(c -> c.comment("siteform")
                .changes(Change.builder().action(action).resourceRecordSet(record).build())))
        .changeInfo().id();
  }

  /** Polls slowly: Route53 allows about five requests a second per account, shared by the whole apply. */
  private void awaitInSync(Address address, Operation op, RecordKey key, String changeId, Progress progress) {
    Route53Client r53 = clients.route53();
    poller.await(address, op, progress, poller.waits().patient(), () -> {
      String status = AwsFailures.call(address, op, () -> r53.getChange(b -> b.id(changeId)).changeInfo().statusAsString());
      if ("INSYNC".equals(status)) return Poller.done(status);
      return Poller.pending("Route53 change " + changeId + " to " + key + " is " + status,
          "Route53 usually propagates a change within a minute");
    });
  }

  private LiveResource readBack(Address address, Operation op, RecordKey key, Map<String, Object> desired) {
    return find(address, op, key).map(r -> live(key, r, desired)).orElseThrow(() ->
        new ProviderException(address.toString(), op, "Route53 accepted " + key + " but does not list it;"
            + " run `siteform apply` again"));
  }

  /** The simple record set of {@code key}, or empty if there is none (or no such zone). */
  private Optional<ResourceRecordSet> find(Address address, Operation op, RecordKey key) {
    return recordSets(address, op, key).flatMap(sets -> simple(sets, key));
  }

  /** Of a name's record sets, the one of {@code key}'s type without a set identifier (no routing policy). */
  private static Optional<ResourceRecordSet> simple(List<ResourceRecordSet> sets, RecordKey key) {
    return sets.stream().filter(r -> key.type().equals(r.typeAsString()) && r.setIdentifier() == null).findFirst();
  }

  private static LiveResource live(RecordKey key, ResourceRecordSet r, Map<String, Object> reference) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("zone_id", key.zoneId());
    a.put("name", key.name());
    a.put("type", key.type());
    AliasTarget t = r.aliasTarget();
    if (t != null) {
      // No TTL: an alias answers with its target's (some emulators report 0).
      Map<String, Object> alias = new LinkedHashMap<>();
      alias.put("dns_name", DnsNames.normal(t.dnsName()));
      alias.put("hosted_zone_id", RecordKey.zone(t.hostedZoneId()));
      alias.put("evaluate_target_health", Boolean.TRUE.equals(t.evaluateTargetHealth()));
      a.put("alias", alias);
    } else {
      a.put("ttl", r.ttl() == null ? 0L : r.ttl());
      List<String> values = r.resourceRecords().stream()
          .map(ResourceRecord::value)
          .map(v -> "CNAME".equals(key.type()) ? DnsNames.normal(v) : v)
          .toList();
      a.put("records", DnsNames.orderedLike(values, reference.get("records")));
    }
    return new LiveResource(key.id(), a);
  }

  private static ResourceRecordSet recordSet(Address address, Operation op, RecordKey key, Map<String, Object> d) {
    ResourceRecordSet.Builder b = ResourceRecordSet.builder().name(key.name()).type(key.type());
    Object alias = d.get("alias");
    boolean simple = d.containsKey("ttl") || d.containsKey("records");
    if (alias instanceof Map<?, ?> m && !simple) {
      if (!(m.get("dns_name") instanceof String dns) || !(m.get("hosted_zone_id") instanceof String zone)) {
        throw new ProviderException(address.toString(), op, "alias needs dns_name and hosted_zone_id, not " + m);
      }
      return b.aliasTarget(AliasTarget.builder().dnsName(dns).hostedZoneId(zone)
          .evaluateTargetHealth(Boolean.TRUE.equals(m.get("evaluate_target_health"))).build()).build();
    }
    if (alias == null && d.get("ttl") instanceof Number ttl && d.get("records") instanceof List<?> values
        && !values.isEmpty()) {
      return b.ttl(ttl.longValue())
          .resourceRecords(values.stream().map(v -> ResourceRecord.builder().value(String.valueOf(v)).build()).toList())
          .build();
    }
    throw new ProviderException(address.toString(), op, key + " needs either ttl and records,"
        + " or alias {dns_name, hosted_zone_id, evaluate_target_health}, not both");
  }
}
