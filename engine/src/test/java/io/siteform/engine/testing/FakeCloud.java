package io.siteform.engine.testing;

import io.siteform.engine.provider.CreateRequest;
import io.siteform.engine.provider.DeleteRequest;
import io.siteform.engine.provider.LiveResource;
import io.siteform.engine.provider.Provider;
import io.siteform.engine.provider.ReadRequest;
import io.siteform.engine.provider.ResourceSchema;
import io.siteform.engine.provider.UpdateRequest;
import io.siteform.engine.resource.Ref;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory cloud implementing the provider SPI for the engine's own tests (the AWS providers
 * are tested against moto). It records every call in order and can be told to fail one.
 */
public final class FakeCloud {
  public final Map<String, LiveResource> objects = new ConcurrentHashMap<>();
  public final List<String> calls = Collections.synchronizedList(new ArrayList<>());
  /** The call ("create iam_role.replication") that fails, as AWS refusing it would: a provider error. */
  public volatile String failOn;
  /** What the failing call throws instead of a provider error (a bug, say); null for the provider error. */
  public volatile java.util.function.Supplier<RuntimeException> failWith;
  /** The site's local files, path to hash, as the local_files data source reports them. */
  public final Map<String, String> localFiles = new ConcurrentHashMap<>();
  /** The size of a local file, by path; {@value #LOCAL_FILE_SIZE} bytes if not given. */
  public final Map<String, Long> localSizes = new ConcurrentHashMap<>();
  public static final long LOCAL_FILE_SIZE = 1024;
  /**
   * What the cloudfront_invalidations data source reports of the month's earlier invalidations:
   * count, paths; null for CloudFront refusing the read (AccessDenied).
   */
  public volatile long[] earlierInvalidations = {0, 0};
  /** Called with "read ADDRESS" as each refresh read begins (a test's hook to hold a read back); null for none. */
  public volatile java.util.function.Consumer<String> beforeRead;
  /** Objects made outside siteform, by identity ("zone/name/type" for records), with their ids. */
  public final Map<String, String> foreign = new ConcurrentHashMap<>();

  /** A provider of {@code schema}'s type: one of {@link io.siteform.engine.provider.Schemas}, never a schema of its own. */
  private Provider provider(ResourceSchema schema) {
    Set<String> computed = schema.computed();
    return new Provider() {
      @Override
      public ResourceSchema schema() {
        return schema;
      }

      @Override
      public Optional<LiveResource> read(ReadRequest r) {
        String what = "read " + r.address();
        var hook = beforeRead;
        if (hook != null) hook.accept(what);
        if (what.equals(failOn) && failWith != null) throw failWith.get();
        return Optional.ofNullable(objects.get(r.address() + "#" + r.id()));
      }

      @Override
      public LiveResource create(CreateRequest r) {
        call("create " + r.address(), r.desired());
        // Ids as AWS gives them: the bucket's or role's name, the certificate's ARN for its wait.
        String id = String.valueOf(r.desired().getOrDefault("bucket", r.desired().getOrDefault("name",
            r.desired().getOrDefault("certificate_arn", r.address().name()))));
        // An origin access identity has no name: CloudFront gives it an id of its own.
        if ("oai".equals(r.desired().get("kind"))) id = "E2OAI" + serial.incrementAndGet();
        Map<String, Object> attrs = new TreeMap<>(r.desired());
        // A fake create finishes at once: a settled attribute (a distribution's status) is settled.
        for (String c : computed) attrs.put(c, schema.settled().getOrDefault(c, "computed:" + r.address() + ":" + c));
        // A create that returns has nothing in flight (the provider contract: ResourceSchema.inFlight).
        schema.inFlight().ifPresent(attrs::remove);
        if (schema.type().equals("cloudfront_function")) {
          // The distribution names a function by its ARN, which ends in its name.
          attrs.put("arn", "arn:aws:cloudfront::123456789012:function/" + id);
        }
        if (schema.type().equals("acm_certificate")) {
          id = "arn:aws:acm:us-east-1:123456789012:certificate/" + r.address().name() + "-" + r.desired().get("idempotency_token");
          attrs.put("arn", id);
          attrs.put("validation", validation(r.desired()));
        }
        LiveResource live = new LiveResource(id, attrs);
        objects.put(r.address() + "#" + id, live);
        return live;
      }

      @Override
      public LiveResource update(UpdateRequest r) {
        call("update " + r.address(), r.desired());
        // As the AWS providers (SchemaContractIT): an update never changes a force-new attribute in place.
        for (String k : schema.forceNew()) {
          Object was = r.prior().get(k);
          if (was != null && r.desired().containsKey(k) && !was.equals(r.desired().get(k))) {
            throw new AssertionError("update " + r.address() + " changes force-new " + k + ": " + was + " -> "
                + r.desired().get(k) + "; the planner must replace it");
          }
        }
        Map<String, Object> attrs = new TreeMap<>(r.prior());
        attrs.putAll(r.desired());
        attrs.putAll(schema.settled());
        LiveResource live = new LiveResource(r.id(), attrs);
        objects.put(r.address() + "#" + r.id(), live);
        return live;
      }

      @Override
      public Optional<LiveResource> occupant(io.siteform.engine.resource.Address a, String region, Map<String, Object> d) {
        if (!schema.type().equals("route53_record")) return Optional.empty();
        String id = foreign.get(d.get("zone_id") + "/" + d.get("name") + "/" + d.get("type"));
        return Optional.ofNullable(id).map(i -> new LiveResource(i, Map.of()));
      }

      @Override
      public void delete(DeleteRequest r) {
        call("delete " + r.address(), Map.of());
        if (IN_USE_REFUSED.contains(schema.type())) refuseIfInUse(r.address() + "#" + r.id(), r.id());
        objects.remove(r.address() + "#" + r.id());
      }
    };
  }

  /**
   * Types AWS refuses to delete while a distribution names them (OriginAccessControlInUse,
   * CloudFrontOriginAccessIdentityInUse, ACM's ResourceInUseException), as the moto launcher does.
   */
  private static final Set<String> IN_USE_REFUSED = Set.of("cloudfront_origin_access", "acm_certificate",
      "cloudfront_response_headers_policy", "cloudfront_function");

  private final java.util.concurrent.atomic.AtomicInteger serial = new java.util.concurrent.atomic.AtomicInteger();

  private void refuseIfInUse(String key, String id) {
    objects.forEach((other, live) -> {
      if (!other.equals(key) && names(live.attributes(), id)) {
        throw new IllegalStateException(id + " is in use by " + other);
      }
    });
  }

  /** Whether {@code v} holds {@code id} as a value, or as the last segment of one (an OAI path). */
  private static boolean names(Object v, String id) {
    if (v instanceof String s) return s.equals(id) || s.endsWith("/" + id);
    if (v instanceof Map<?, ?> m) return m.values().stream().anyMatch(x -> names(x, id));
    if (v instanceof List<?> l) return l.stream().anyMatch(x -> names(x, id));
    return false;
  }

  private void call(String what, Map<String, Object> desired) {
    if (containsRef(desired)) throw new AssertionError(what + " got an unresolved placeholder: " + desired);
    calls.add(what);
    if (what.equals(failOn)) {
      var f = failWith;
      if (f != null) throw f.get();
      throw new io.siteform.error.ProviderException(what.substring(what.indexOf(' ') + 1), io.siteform.error.Operation.valueOf(what.substring(0, what.indexOf(' ')).toUpperCase(java.util.Locale.ROOT)),
          "injected failure on " + what, "InjectedFailure", null, null);
    }
  }

  /** ACM's validation records: one per name, shared by a name and its wildcard. */
  private static Map<String, Object> validation(Map<String, Object> desired) {
    List<Object> names = new ArrayList<>();
    names.add(desired.get("domain_name"));
    names.addAll((List<?>) desired.get("subject_alternative_names"));
    Map<String, Object> out = new TreeMap<>();
    for (Object n : names) {
      String base = String.valueOf(n).replaceFirst("^\\*\\.", "");
      out.put(String.valueOf(n), Map.of("name", "_a1b2." + base, "type", "CNAME", "value", "_c3d4." + base + ".acm-validations.aws"));
    }
    return out;
  }

  /** The data sources the expander reads: a hosted zone Z0123 of any name. */
  public io.siteform.engine.provider.DataSources dataSources() {
    io.siteform.engine.provider.DataSource zone = new io.siteform.engine.provider.DataSource() {
      @Override
      public String type() {
        return "route53_zone";
      }

      @Override
      public LiveResource read(io.siteform.engine.provider.DataRequest r) {
        calls.add("read data." + r.address());
        return new LiveResource("Z0123", Map.of("zone_id", "Z0123", "name", r.query().get("name")));
      }
    };
    io.siteform.engine.provider.DataSource certificate = new io.siteform.engine.provider.DataSource() {
      @Override
      public String type() {
        return "acm_certificate";
      }

      @Override
      public LiveResource read(io.siteform.engine.provider.DataRequest r) {
        calls.add("read data." + r.address());
        return new LiveResource(String.valueOf(r.query().get("arn")), Map.of("arn", r.query().get("arn")));
      }
    };
    io.siteform.engine.provider.DataSource files = new io.siteform.engine.provider.DataSource() {
      @Override
      public String type() {
        return "local_files";
      }

      @Override
      public boolean local() {
        return true;
      }

      @Override
      public LiveResource read(io.siteform.engine.provider.DataRequest r) {
        Map<String, Object> all = new TreeMap<>();
        Map<String, Object> digests = new TreeMap<>();
        localFiles.forEach((path, md5) -> {
          all.put(path, Map.of("md5", md5, "size", localSizes.getOrDefault(path, LOCAL_FILE_SIZE),
              "content_type", "text/html; charset=utf-8", "cache_control", cacheControl(path, r.query().get("cache_control"))));
          digests.put(path, md5);
        });
        return new LiveResource(String.valueOf(r.query().get("source")), Map.of("files", all, "digests", digests,
            "paths", List.copyOf(all.keySet())));
      }
    };
    io.siteform.engine.provider.DataSource invalidations = new io.siteform.engine.provider.DataSource() {
      @Override
      public String type() {
        return "cloudfront_invalidations";
      }

      @Override
      public LiveResource read(io.siteform.engine.provider.DataRequest r) {
        calls.add("read data." + r.address() + " " + r.query().get("distribution_id"));
        long[] earlier = earlierInvalidations;
        if (earlier == null) {
          throw new io.siteform.error.ProviderException(r.address().toString(), io.siteform.error.Operation.READ,
              "User is not authorized to perform cloudfront:ListInvalidations", "AccessDenied", "REQ1", null);
        }
        return new LiveResource(String.valueOf(r.query().get("distribution_id")), Map.of("month", "2026-12",
            "invalidations", earlier[0], "paths", earlier[1]));
      }
    };
    return new io.siteform.engine.provider.DataSources(List.of(zone, certificate, files, invalidations));
  }

  /** The value of the first {@code cache_control} rule whose glob matches {@code path}, or "". */
  private static String cacheControl(String path, Object rules) {
    if (!(rules instanceof List<?> l)) return "";
    for (Object rule : l) {
      Map<?, ?> m = (Map<?, ?>) rule;
      var glob = java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + m.get("glob"));
      if (glob.matches(java.nio.file.Path.of(path))) return String.valueOf(m.get("value"));
    }
    return "";
  }

  private static boolean containsRef(Object v) {
    if (v instanceof Ref) return true;
    if (v instanceof Map<?, ?> m) return m.values().stream().anyMatch(FakeCloud::containsRef);
    if (v instanceof List<?> l) return l.stream().anyMatch(FakeCloud::containsRef);
    return false;
  }

  /** Providers of every type the expander makes, with the schemas the AWS providers have. */
  public List<Provider> skeletonProviders() {
    return io.siteform.engine.provider.Schemas.all().values().stream().map(this::provider).toList();
  }
}
