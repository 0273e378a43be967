package io.siteform.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.siteform.engine.event.EngineListener;
import io.siteform.engine.operation.Applied;
import io.siteform.engine.operation.ApplyOperation;
import io.siteform.engine.operation.PlanOperation;
import io.siteform.engine.operation.PlanRequest;
import io.siteform.engine.operation.Planned;
import io.siteform.engine.provider.DataSources;
import io.siteform.engine.provider.Providers;
import io.siteform.engine.provider.ResourceSchema;
import io.siteform.engine.provider.Schemas;
import io.siteform.engine.resource.Expander;
import io.siteform.engine.resource.ResourceSpec;
import io.siteform.engine.spec.Spec;
import io.siteform.engine.spec.SpecLoader;
import io.siteform.providers.testing.MotoExtension;
import io.siteform.providers.testing.MotoServer;
import io.siteform.state.LocalBackend;
import io.siteform.state.ResourceState;
import io.siteform.state.State;
import io.siteform.engine.provider.LiveResource;
import io.siteform.engine.provider.Progress;
import io.siteform.engine.provider.ReadRequest;
import io.siteform.engine.provider.UpdateRequest;
import io.siteform.engine.resource.Address;
import io.siteform.error.ProviderException;
import io.siteform.state.Values;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every resource type's provider, run against moto, against the one schema catalogue
 * ({@link Schemas}) the planner and the engine's fake cloud use: a site that makes every type is
 * applied through the engine's own operations, and each object it records must hold exactly
 * what its schema declares.
 */
@ExtendWith(MotoExtension.class)
class SchemaContractIT {
  /** A site that makes every type the expander knows: replication, a domain, edge headers and a redirect. */
  static final String SPEC = """
      version: 1
      site:
        name: contract
        tags: {project: contract}
      primary:
        region: eu-west-1
        bucket: contract-primary
      replicas:
        - region: ap-southeast-1
          bucket: contract-replica
      content:
        source: dist/
        redirects: {"/old.html": "/new.html"}
      cdn:
        routing: spa
        security_headers: {hsts: {max_age: 63072000}, frame_options: DENY}
      domain:
        names: ["www.example.com"]
        hosted_zone: example.com
        certificate: {validation: dns}
        records: [A, AAAA]
      """;

  @TempDir Path dir;
  private final MotoServer moto;
  private AwsClients aws;
  private Providers providers;
  private Map<String, ResourceSpec> desired;
  private State applied;

  SchemaContractIT(MotoServer moto) {
    this.moto = moto;
  }

  @BeforeEach
  void applyASiteOfEveryType() throws Exception {
    aws = moto.newClients();
    aws.route53().createHostedZone(b -> b.name("example.com").callerReference("contract-" + System.nanoTime()));
    Path dist = Files.createDirectories(dir.resolve("dist"));
    Files.writeString(dist.resolve("index.html"), "<h1>contract</h1>");
    Files.writeString(dist.resolve("new.html"), "<p>moved here</p>");
    Files.writeString(dir.resolve("siteform.yaml"), SPEC);
    Spec spec = new SpecLoader(AwsRegions.known()).load(dir.resolve("siteform.yaml"), Map.of(), Map.of());
    Expander expander = new Expander();
    desired = expander.expand(spec).stream()
        .collect(Collectors.toMap(r -> r.address().toString(), Function.identity(), (a, b) -> a, TreeMap::new));
    providers = new Providers(AwsProviders.all(aws));
    Planned planned = new PlanOperation(providers, new DataSources(AwsProviders.dataSources(aws, Waits.DEFAULTS)),
        PlanRequest.of(expander.expand(spec), expander.data(spec), State.empty(), 4), EngineListener.NONE).call();
    Applied done = new ApplyOperation(providers, new LocalBackend(dir.resolve("state.json")), planned,
        EngineListener.NONE, 4, false).call();
    assertThat(done.result().failures()).isEmpty();
    applied = done.state();
  }

  @AfterEach
  void closeClients() {
    aws.close();
  }

  @Test
  void everyObjectHoldsWhatItsSchemaDeclaresAndNothingElse() {
    Set<String> types = applied.resources().stream().map(ResourceState::type).collect(Collectors.toCollection(TreeSet::new));
    assertThat(types).as("the site makes every type of the catalogue").isEqualTo(Schemas.all().keySet());
    SoftAssertions soft = new SoftAssertions();
    for (ResourceState r : applied.resources()) {
      ResourceSchema schema = Schemas.of(r.type());
      Set<String> declared = new TreeSet<>(desired.get(r.address()).attributes().keySet());
      declared.addAll(schema.computed());
      schema.idempotencyToken().ifPresent(declared::add);
      soft.assertThat(r.attributes().keySet()).as("%s: attributes neither desired nor computed", r.address())
          .isSubsetOf(declared);
      for (String c : schema.knownAfterApply()) {
        soft.assertThat(r.attributes().get(c)).as("%s: computed %s", r.address(), c).isNotNull();
      }
      // What an update had in flight is gone once it returns.
      schema.inFlight().ifPresent(c -> soft.assertThat(r.attributes()).as("%s: in flight", r.address()).doesNotContainKey(c));
      schema.idempotencyToken().ifPresent(token -> soft.assertThat(r.attributes().get(token))
          .as("%s: idempotency token %s", r.address(), token).asString().startsWith("siteform-contract-"));
      soft.assertThat(r.id()).as("%s: id", r.address()).isNotBlank();
    }
    soft.assertAll();
  }

  /**
   * One change of an attribute the schema does not force-new, per type: the provider's update
   * must make it in place (AWS reads the new value back), or the planner's "update in-place"
   * would be a lie applied forever. acm_certificate_validation has none: it only waits.
   */
  static Map<String, Object> inPlaceEdit(ResourceState r) {
    Map<String, Object> a = r.attributes();
    return switch (r.type()) {
      case "s3_bucket", "iam_role", "acm_certificate" -> Map.of("tags", with(a.get("tags"), "edited", "yes"));
      case "s3_replication" -> Map.of("rules", List.of(with(((List<?>) a.get("rules")).get(0), "prefix", "edited/")));
      case "cloudfront_origin_access" -> Map.of("description", "siteform: edited");
      case "cloudfront_distribution" -> Map.of("comment", "siteform: edited");
      case "s3_bucket_policy" -> Map.of("policy", with(a.get("policy"), "Id", "edited"));
      case "acm_certificate_validation" -> Map.of();
      case "route53_record" -> a.containsKey("ttl") ? Map.of("ttl", 600L) : Map.of("alias",
          with(a.get("alias"), "evaluate_target_health", true));
      case "site_content" -> Map.of("files", with(a.get("files"), "index.html",
          with(((Map<?, ?>) a.get("files")).get("index.html"), "cache_control", "no-cache")));
      case "cloudfront_invalidation" -> Map.of("digests", with(a.get("digests"), "index.html", "0000000000000000"));
      case "cloudfront_response_headers_policy" -> Map.of("frame_options", "SAMEORIGIN");
      case "cloudfront_function" -> Map.of("comment", "siteform: edited");
      // siteform's own grace period: no AWS object holds it, the record does.
      case "site_content_removal" -> Map.of("keep_removed_seconds", 3600L);
      default -> throw new AssertionError("no in-place edit for " + r.type() + ": add one");
    };
  }

  /** One change of a force-new attribute, per type that has one, to a value AWS would accept. */
  static Map<String, Object> forceNewEdit(ResourceState r) {
    return switch (r.type()) {
      case "s3_bucket" -> Map.of("bucket", "contract-elsewhere");
      case "iam_role" -> Map.of("name", "siteform-contract-elsewhere");
      case "s3_replication", "s3_bucket_policy" -> Map.of("bucket",
          r.attributes().get("bucket").equals("contract-primary") ? "contract-replica" : "contract-primary");
      case "cloudfront_origin_access" -> Map.of("kind", "oai");
      case "acm_certificate" -> Map.of("domain_name", "api.example.com");
      case "acm_certificate_validation" -> Map.of("certificate_arn",
          "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000");
      case "route53_record" -> Map.of("name", "elsewhere.example.com");
      case "cloudfront_function" -> Map.of("name", "siteform-contract-elsewhere");
      default -> {
        assertThat(Schemas.of(r.type()).forceNew()).as(r.type() + " has force-new attributes: add an edit").isEmpty();
        yield Map.of();
      }
    };
  }

  @Test
  void anUpdateChangesInPlaceWhatIsNotForceNew() {
    SoftAssertions soft = new SoftAssertions();
    for (ResourceState r : applied.resources()) {
      ResourceSchema schema = Schemas.of(r.type());
      Map<String, Object> edit = inPlaceEdit(r);
      soft.assertThat(edit.keySet()).as("%s: an in-place edit of a force-new or computed attribute", r.address())
          .noneMatch(k -> schema.forceNew().contains(k) || schema.computed().contains(k));
      if (edit.isEmpty()) continue;
      LiveResource updated = update(r, edit);
      LiveResource read = read(r, updated).orElseThrow();
      edit.forEach((k, v) -> {
        soft.assertThat(updated.attributes().get(k)).as("%s: %s as the update returns it", r.address(), k)
            .isEqualTo(normal(k, v));
        soft.assertThat(read.attributes().get(k)).as("%s: %s as AWS reads it after the update", r.address(), k)
            .isEqualTo(normal(k, v));
      });
    }
    soft.assertAll();
  }

  @Test
  void anUpdateNeverMakesAForceNewChangeInPlace() {
    SoftAssertions soft = new SoftAssertions();
    for (ResourceState r : applied.resources()) {
      Map<String, Object> edit = forceNewEdit(r);
      if (edit.isEmpty()) continue;
      soft.assertThat(Schemas.of(r.type()).forceNew()).as(r.address() + ": edit of a force-new attribute")
          .containsAll(edit.keySet());
      Optional<LiveResource> updated;
      try {
        updated = Optional.of(update(r, edit));
      } catch (ProviderException refused) {
        updated = Optional.empty(); // refused: the object is as it was
      }
      LiveResource read = read(r, updated.orElse(new LiveResource(r.id(), r.attributes()))).orElseThrow();
      for (String k : edit.keySet()) {
        // Refused, or done without touching the attribute: state keeps the truth and the next plan replaces.
        updated.ifPresent(u -> soft.assertThat(u.attributes().get(k)).as("%s: %s as the update returns it",
            r.address(), k).isEqualTo(r.attributes().get(k)));
        soft.assertThat(read.attributes().get(k)).as("%s: %s as AWS reads it after the update", r.address(), k)
            .isEqualTo(r.attributes().get(k));
      }
    }
    soft.assertAll();
  }

  /** The update the walker would send: what state holds as desired, {@code edit} applied. */
  private LiveResource update(ResourceState r, Map<String, Object> edit) {
    ResourceSchema schema = Schemas.of(r.type());
    Map<String, Object> desired = new LinkedHashMap<>(r.attributes());
    desired.keySet().removeAll(schema.computed());
    schema.idempotencyToken().ifPresent(desired::remove);
    desired.putAll(edit);
    return providers.get(r.type()).update(new UpdateRequest(Address.parse(r.address()), r.region(), r.id(),
        r.attributes(), desired, Progress.NONE));
  }

  private Optional<LiveResource> read(ResourceState r, LiveResource prior) {
    return providers.get(r.type()).read(new ReadRequest(Address.parse(r.address()), r.region(), prior.id(),
        prior.attributes()));
  }

  private static Object normal(String key, Object value) {
    return Values.copyMap(Map.of(key, value)).get(key);
  }

  /** {@code m}, a map, with {@code key} set to {@code value}. */
  private static Map<String, Object> with(Object m, String key, Object value) {
    Map<String, Object> out = new TreeMap<>();
    ((Map<?, ?>) m).forEach((k, v) -> out.put(String.valueOf(k), v));
    out.put(key, value);
    return out;
  }
}
