package io.siteform.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siteform.engine.provider.ResourceSchema;
import io.siteform.engine.resource.Address;
import io.siteform.engine.resource.ResourceSpec;
import io.siteform.error.PlanException;
import io.siteform.state.ResourceState;
import io.siteform.state.State;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Ordering is decided and checked when the plan is made, never discovered by apply. */
class ChangeOrderTest {
  /** A type that names nothing: two of them cannot be told apart, so a replacement deletes first. */
  private static final ResourceSchema THING = new ResourceSchema("thing", Set.of(), Set.of(), false);
  /** A type named by {@code name}, like a bucket. */
  private static final ResourceSchema NAMED = new ResourceSchema("named", Set.of("name"), Set.of(), false);
  private static final ResourceSchema WAIT = new ResourceSchema("wait", Set.of("of"), Set.of(), true);
  private static final Map<String, ResourceSchema> SCHEMAS =
      Map.of("thing", THING, "named", NAMED, "wait", WAIT);

  private final Planner planner = new Planner(SCHEMAS::get);

  private static Address a(String s) {
    return Address.parse(s);
  }

  private static ResourceSpec spec(String address, String region, Map<String, Object> attrs, String... deps) {
    return new ResourceSpec(a(address), region, attrs, Set.of(deps).stream().map(Address::parse)
        .collect(java.util.stream.Collectors.toSet()));
  }

  private static ResourceState recorded(String address, String region, Map<String, Object> attrs, String... deps) {
    return new ResourceState(address, a(address).type(), region, address + "-id", attrs, List.of(deps));
  }

  private static State state(ResourceState... rs) {
    State s = State.empty();
    for (ResourceState r : rs) s = s.with(r);
    return s;
  }

  private static Action action(Plan p, String address) {
    return p.changes().stream().filter(c -> c.address().toString().equals(address)).findFirst().orElseThrow().action();
  }

  @Test
  void aPlanThatCannotBeOrderedIsRefusedAtPlanTimeNamingTheResourcesAndWhy() {
    // thing.y moves region (so it must be deleted before it is made again); thing.x stops using
    // it directly, so its update must come before that delete, yet it now uses thing.w, which
    // is updated only after the new thing.y exists.
    State before = state(
        recorded("thing.y", "eu-west-1", Map.of("v", 1L)),
        recorded("thing.w", "eu-west-1", Map.of("v", 1L), "thing.y"),
        recorded("thing.x", "eu-west-1", Map.of("v", 1L), "thing.y"));
    List<ResourceSpec> after = List.of(
        spec("thing.y", "us-west-2", Map.of("v", 1L)),
        spec("thing.w", "eu-west-1", Map.of("v", 2L), "thing.y"),
        spec("thing.x", "eu-west-1", Map.of("v", 2L), "thing.w"));
    assertThatThrownBy(() -> planner.plan(after, before, List.of()))
        .isInstanceOf(PlanException.class)
        .hasMessageContaining("the changes to thing.w, thing.x, thing.y cannot be ordered")
        .hasMessageContaining("update thing.x before delete thing.y: thing.x stops using thing.y before it is deleted")
        .hasMessageContaining("delete thing.y before create thing.y: thing.y is replaced and the new object cannot exist beside the old one")
        .hasMessageContaining("create thing.y before update thing.w: thing.w depends on thing.y")
        .hasMessageContaining("make it in two steps")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContainIgnoringCase("bug"));
  }

  @Test
  void aRenamedObjectIsMadeFirstAndItsDependentsMoveBeforeTheOldOneGoes() {
    State before = state(recorded("named.b", "eu-west-1", Map.of("name", "old")),
        recorded("thing.d", "eu-west-1", Map.of("bucket", "old"), "named.b"));
    Plan p = planner.plan(List.of(spec("named.b", "eu-west-1", Map.of("name", "new")),
        spec("thing.d", "eu-west-1", Map.of("bucket", "new"), "named.b")), before, List.of());
    assertThat(action(p, "named.b")).isEqualTo(Action.CREATE_THEN_DELETE);
    assertThat(ChangeOrder.of(p.changes()).edges()).extracting(ChangeOrder.Edge::toString).contains(
        "create named.b before update thing.d: thing.d depends on named.b",
        "update thing.d before delete named.b: thing.d moves to the new named.b before the old one goes");
  }

  @Test
  void aReplacementThatUsedOneDeletingFirstDeletesFirstToo() {
    // The wait could be made first, but the thing it waited on must go before its replacement
    // exists, and the old wait uses it until it is deleted: create-first would make a cycle.
    State before = state(recorded("thing.r", "eu-west-1", Map.of("v", 1L)),
        recorded("wait.v", "eu-west-1", Map.of("of", "a"), "thing.r"));
    Plan p = planner.plan(List.of(spec("thing.r", "us-west-2", Map.of("v", 1L)),
        spec("wait.v", "eu-west-1", Map.of("of", "b"), "thing.r")), before, List.of());
    assertThat(action(p, "thing.r")).isEqualTo(Action.DELETE_THEN_CREATE);
    assertThat(action(p, "wait.v")).isEqualTo(Action.DELETE_THEN_CREATE);
  }
}
