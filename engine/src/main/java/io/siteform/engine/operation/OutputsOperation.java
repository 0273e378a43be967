package io.siteform.engine.operation;

import io.siteform.engine.plan.Action;
import io.siteform.engine.plan.OutputChange;
import io.siteform.engine.plan.Plan;
import io.siteform.engine.plan.ResourceChange;
import io.siteform.engine.resource.Address;
import io.siteform.engine.resource.Expander;
import io.siteform.engine.resource.Ref;
import io.siteform.engine.spec.BucketSpec;
import io.siteform.engine.spec.Spec;
import io.siteform.state.ResourceState;
import io.siteform.state.State;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What scripts need from an applied site, read from state without calling AWS ({@code siteform
 * output}, and the "Outputs:" block after an apply): the distribution's id and domain, the
 * buckets and their regions (replicas in spec order), the certificate, the site's URL. A create
 * still in flight has no output yet. The same outputs as a plan would leave them, some known
 * only after apply, are {@code plan --json}'s {@code output_changes}.
 */
public final class OutputsOperation {
  private final Spec spec;
  private final State state;

  public OutputsOperation(Spec spec, State state) {
    this.spec = spec;
    this.state = state;
  }

  /**
   * The outputs by name, sorted by name as Terraform prints them.
   *
   * @param values strings, or for the buckets maps of {@code name} and {@code region}
   */
  public record Outputs(Map<String, Object> values) {
    public Outputs {
      values = java.util.Collections.unmodifiableMap(new TreeMap<>(values));
    }
  }

  public Outputs call() {
    return new Outputs(values(spec, address -> state.find(address.toString()).filter(r -> !r.isCreating())
        .map(r -> new Made(r.id(), r.region(), r.attributes()))));
  }

  /** How each output changes if {@code plan}, made from this operation's state, is applied. */
  public Map<String, OutputChange> changes(Plan plan) {
    Map<String, Object> before = call().values();
    Map<Address, ResourceChange> byAddress = new HashMap<>();
    plan.changes().forEach(c -> byAddress.put(c.address(), c));
    Map<String, Object> after = values(spec, address -> {
      ResourceChange c = byAddress.get(address);
      if (c == null) {
        // Not in the plan (a targeted plan): it stays as it is.
        return state.find(address.toString()).filter(r -> !r.isCreating())
            .map(r -> new Made(r.id(), r.region(), r.attributes()));
      }
      if (c.action() == Action.DELETE) return Optional.empty();
      Map<String, Object> attrs = new HashMap<>(c.after());
      c.unknownComputed().forEach(k -> attrs.put(k, OutputChange.UNKNOWN));
      attrs.replaceAll((k, v) -> v instanceof Ref ? OutputChange.UNKNOWN : v);
      Object id = c.action().creates() ? OutputChange.UNKNOWN : c.prior().map(ResourceState::id).orElse(null);
      return Optional.of(new Made(id, c.region(), attrs));
    });
    Map<String, OutputChange> out = new TreeMap<>();
    java.util.Set<String> names = new java.util.TreeSet<>(before.keySet());
    names.addAll(after.keySet());
    for (String n : names) out.put(n, new OutputChange(before.get(n), after.get(n)));
    return out;
  }

  /** An object as outputs read it: its id and attributes, either possibly {@link #OutputChange.UNKNOWN}. */
  private record Made(Object id, String region, Map<String, Object> attributes) {}

  private static Map<String, Object> values(Spec spec, Function<Address, Optional<Made>> find) {
    Map<String, Object> out = new TreeMap<>();
    Optional<Made> dist = find.apply(Expander.DISTRIBUTION);
    dist.ifPresent(d -> {
      out.put("distribution_id", d.id());
      out.put("distribution_domain", d.attributes().getOrDefault("domain_name", OutputChange.UNKNOWN));
    });
    find.apply(Expander.PRIMARY_BUCKET).ifPresent(b -> out.put("primary_bucket", bucket(b)));
    List<Object> replicas = new ArrayList<>();
    for (BucketSpec r : spec.replicas()) find.apply(Expander.replicaAddress(r)).ifPresent(b -> replicas.add(bucket(b)));
    if (!replicas.isEmpty()) out.put("replica_buckets", replicas);
    Optional<Object> arn = find.apply(Expander.CERTIFICATE).map(Made::id)
        .or(() -> spec.domain().flatMap(d -> d.certificateArn()));
    arn.ifPresent(a -> out.put("certificate_arn", a));
    dist.ifPresent(d -> {
      Object domain = spec.domain().<Object>map(x -> x.names().get(0)).orElse(d.attributes().getOrDefault("domain_name", OutputChange.UNKNOWN));
      out.put("site_url", domain == OutputChange.UNKNOWN ? OutputChange.UNKNOWN : "https://" + domain + "/");
    });
    return out;
  }

  private static Map<String, Object> bucket(Made b) {
    Map<String, Object> m = new TreeMap<>();
    // A bucket's id is its name, which a plan knows before AWS does.
    Object name = b.attributes().get("bucket");
    m.put("name", name instanceof String ? name : b.id());
    m.put("region", b.region());
    return m;
  }
}
