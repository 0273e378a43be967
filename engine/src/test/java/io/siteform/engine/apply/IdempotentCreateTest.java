package io.siteform.engine.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.siteform.engine.event.EngineListener;
import io.siteform.engine.plan.Action;
import io.siteform.engine.plan.Plan;
import io.siteform.engine.plan.Planner;
import io.siteform.engine.plan.Refresher;
import io.siteform.engine.provider.CreateRequest;
import io.siteform.engine.provider.DeleteRequest;
import io.siteform.engine.provider.LiveResource;
import io.siteform.engine.provider.Provider;
import io.siteform.engine.provider.Providers;
import io.siteform.engine.provider.ReadRequest;
import io.siteform.engine.provider.ResourceSchema;
import io.siteform.engine.provider.Schemas;
import io.siteform.engine.provider.UpdateRequest;
import io.siteform.engine.resource.Address;
import io.siteform.engine.resource.ResourceSpec;
import io.siteform.engine.testing.MemoryBackend;
import io.siteform.state.State;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * An apply that dies after AWS made an object but before state recorded it must, when run again,
 * get the same object back (AWS de-duplicates by the token), never a second one.
 */
class IdempotentCreateTest {
  /** Like CloudFront: a create with a known CallerReference returns the existing object. */
  static final class TokenCloud implements Provider {
    final Map<String, String> idByToken = new ConcurrentHashMap<>();
    final List<String> tokens = new ArrayList<>();
    boolean dieAfterCreate;

    @Override
    public ResourceSchema schema() {
      return Schemas.CLOUDFRONT_DISTRIBUTION;
    }

    @Override
    public Optional<LiveResource> read(ReadRequest r) {
      return idByToken.containsValue(r.id())
          ? Optional.of(new LiveResource(r.id(), Map.of("comment", "site", "arn", "arn:" + r.id())))
          : Optional.empty();
    }

    @Override
    public LiveResource create(CreateRequest r) {
      String token = (String) r.desired().get("caller_reference");
      tokens.add(token);
      String id = idByToken.computeIfAbsent(token, t -> "E" + (idByToken.size() + 1));
      if (dieAfterCreate) throw new IllegalStateException("connection reset after the create");
      return new LiveResource(id, Map.of("comment", "site", "arn", "arn:" + id, "caller_reference", token));
    }

    @Override
    public LiveResource update(UpdateRequest r) {
      throw new AssertionError("not expected");
    }

    @Override
    public void delete(DeleteRequest r) {
      idByToken.values().remove(r.id());
    }
  }

  final TokenCloud cloud = new TokenCloud();
  final Providers providers = new Providers(List.of(cloud));
  final MemoryBackend backend = new MemoryBackend();
  final List<ResourceSpec> desired = List.of(new ResourceSpec(
      new Address("cloudfront_distribution", "site"), "us-east-1", Map.of("comment", "site"), Set.of()));

  Applier.Result applyOnce() throws InterruptedException {
    State s = backend.read().orElseGet(State::empty);
    Refresher.Refreshed r = new Refresher(providers, 1, EngineListener.NONE).refresh(s);
    Plan plan = new Planner(providers::schema).plan(desired, r.state(), r.drift());
    return new Applier(providers, new StateRecorder(backend, r.state()), EngineListener.NONE, 1).apply(plan);
  }

  @Test
  void theTokenIsRecordedBeforeTheCallAndReusedAfterACrash() throws Exception {
    cloud.dieAfterCreate = true;
    assertThat(applyOnce().ok()).isFalse();
    State afterCrash = backend.read().orElseThrow();
    assertThat(afterCrash.find("cloudfront_distribution.site")).hasValueSatisfying(pending -> {
      assertThat(pending.isCreating()).isTrue();
      assertThat(pending.id()).isEmpty();
      assertThat(pending.attributes()).containsEntry("caller_reference", cloud.tokens.get(0));
    });

    cloud.dieAfterCreate = false;
    assertThat(applyOnce().ok()).isTrue();
    assertThat(cloud.tokens).hasSize(2).containsOnly(cloud.tokens.get(0));
    assertThat(cloud.idByToken).hasSize(1);
    assertThat(backend.read().orElseThrow().find("cloudfront_distribution.site").orElseThrow().id()).isEqualTo("E1");
  }

  @Test
  void theTokenIsNeverDiffedSoAnAdoptedObjectPlansNoChange() throws Exception {
    assertThat(applyOnce().ok()).isTrue();
    State s = backend.read().orElseThrow();
    Plan again = new Planner(providers::schema).plan(desired, s, List.of());
    assertThat(again.changes()).singleElement().satisfies(c -> assertThat(c.action()).isEqualTo(Action.NO_OP));
  }

  @Test
  void destroyDropsAPendingEntryWithoutCallingAwsAndSaysWhatToLookFor() throws Exception {
    cloud.dieAfterCreate = true;
    applyOnce();
    State s = backend.read().orElseThrow();
    Plan destroy = new Planner(providers::schema).planDestroy(s, List.of());
    List<String> said = new java.util.ArrayList<>();
    EngineListener listener = new EngineListener() {
      @Override
      public void progress(io.siteform.engine.resource.Address a, io.siteform.error.Operation op, String message,
          java.time.Duration elapsed) {
        said.add(a + ": " + message);
      }
    };
    var r = new Applier(providers, new StateRecorder(backend, s), listener, 1).apply(destroy);
    assertThat(r.ok()).isTrue();
    assertThat(backend.read().orElseThrow().resources()).isEmpty();
    assertThat(said).singleElement().asString().contains("cloudfront_distribution.site: a create of this object",
        cloud.tokens.get(0), "find it by its caller_reference");
  }

  @Test
  void aCreateInFlightIsPlannedAsACreateThatResumesWithItsToken() throws Exception {
    cloud.dieAfterCreate = true;
    applyOnce();
    State s = backend.read().orElseThrow();
    // Its state is one the reader takes back.
    var codec = new io.siteform.state.StateCodec();
    assertThat(codec.fromJson(codec.toJson(s), "test")).isEqualTo(s);

    Plan plan = new Planner(providers::schema).plan(desired, s, List.of());

    assertThat(plan.changes()).singleElement().satisfies(c -> {
      assertThat(c.action()).isEqualTo(Action.CREATE);
      assertThat(c.prior()).isEmpty();
      assertThat(c.reason()).hasValue("resuming an interrupted create, token " + cloud.tokens.get(0));
    });
    String text = new io.siteform.engine.render.PlanTextRenderer(io.siteform.engine.render.Style.PLAIN).render(plan);
    assertThat(text).contains("# cloudfront_distribution.site will be created (resuming an interrupted create, token "
        + cloud.tokens.get(0) + ")\n", "Plan: 1 to add, 0 to change, 0 to destroy.");
    String json = new io.siteform.engine.render.PlanJsonRenderer().render(plan);
    var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
    var change = node.get("resource_changes").get(0).get("change");
    assertThat(change.get("actions").toString()).isEqualTo("[\"create\"]");
    assertThat(change.get("before").isNull()).isTrue();
  }
}
