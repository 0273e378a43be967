package io.siteform.engine.operation;

import io.siteform.engine.resource.Address;
import io.siteform.engine.resource.Expander;
import io.siteform.engine.spec.Spec;
import io.siteform.state.ResourceState;
import io.siteform.state.State;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What scripts need from an applied site, read from state without calling AWS ({@code siteform
 * output}, and the "Outputs:" block after an apply): the distribution's id and domain, the
 * buckets and their regions, the certificate, the site's URL. A create still in flight has no
 * output yet.
 */
public final class OutputsOperation {
  private final Spec spec;
  private final State state;

  public OutputsOperation(Spec spec, State state) {
    this.spec = spec;
    this.state = state;
  }

  /**
   * The outputs by name, in the order they are printed.
   *
   * @param values strings, or for the buckets maps of {@code name} and {@code region}
   */
  public record Outputs(Map<String, Object> values) {
    /** The outputs apply closes with: the buckets, which the spec names anyway, left out. */
    public static final List<String> NOT_AFTER_APPLY = List.of("primary_bucket", "replica_buckets");

    public Outputs {
      values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The ones apply prints after "Apply complete!". */
    public Map<String, Object> afterApply() {
      Map<String, Object> out = new LinkedHashMap<>(values);
      NOT_AFTER_APPLY.forEach(out::remove);
      return out;
    }
  }

  public Outputs call() {
    Map<String, Object> out = new LinkedHashMap<>();
    Optional<ResourceState> dist = made(Expander.DISTRIBUTION);
    dist.ifPresent(d -> {
      out.put("distribution_id", d.id());
      out.put("distribution_domain", d.attributes().get("domain_name"));
    });
    made(Expander.PRIMARY_BUCKET).ifPresent(b -> out.put("primary_bucket", bucket(b)));
    List<Object> replicas = new ArrayList<>();
    for (ResourceState r : state.resources()) {
      if (Expander.isReplicaBucket(Address.parse(r.address())) && !r.isCreating()) replicas.add(bucket(r));
    }
    if (!replicas.isEmpty()) out.put("replica_buckets", replicas);
    Optional<String> arn = made(Expander.CERTIFICATE).map(ResourceState::id)
        .or(() -> spec.domain().flatMap(d -> d.certificateArn()));
    arn.ifPresent(a -> out.put("certificate_arn", a));
    dist.ifPresent(d -> out.put("site_url", "https://" + spec.domain().map(x -> x.names().get(0))
        .orElse(String.valueOf(d.attributes().get("domain_name"))) + "/"));
    return new Outputs(out);
  }

  private Optional<ResourceState> made(Address address) {
    return state.find(address.toString()).filter(r -> !r.isCreating());
  }

  private static Map<String, Object> bucket(ResourceState b) {
    return Map.of("name", b.id(), "region", b.region());
  }
}
