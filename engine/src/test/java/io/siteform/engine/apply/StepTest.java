package io.siteform.engine.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.siteform.engine.plan.Action;
import io.siteform.engine.plan.ResourceChange;
import io.siteform.engine.resource.Address;
import io.siteform.engine.resource.ResourceSpec;
import io.siteform.error.Operation;
import io.siteform.state.ResourceState;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A step's hash leaves out the attributes, and stays consistent with equality by value. */
class StepTest {
  private static ResourceChange change(String name, Action action, Map<String, Object> after) {
    Address a = new Address("site_content", name);
    return new ResourceChange(a, action, Optional.of(new ResourceSpec(a, "eu-west-1", after, Set.of())),
        Optional.of(new ResourceState(a.toString(), "site_content", "eu-west-1", "b", Map.of("files", Map.of()),
            List.of())), after, Set.of(), Set.of(), Optional.empty());
  }

  @Test
  void equalStepsHashAlikeAndStepsOfOneAddressDifferingInAttributesAreNotEqual() {
    Step one = new Step(Operation.UPDATE, change("site", Action.UPDATE, Map.of("files", Map.of("a", "1"))));
    Step same = new Step(Operation.UPDATE, change("site", Action.UPDATE, Map.of("files", Map.of("a", "1"))));
    Step other = new Step(Operation.UPDATE, change("site", Action.UPDATE, Map.of("files", Map.of("a", "2"))));

    assertThat(same).isEqualTo(one).hasSameHashCodeAs(one);
    assertThat(same.change()).isEqualTo(one.change()).hasSameHashCodeAs(one.change());
    assertThat(other).isNotEqualTo(one);
    assertThat(other.change()).isNotEqualTo(one.change());
    assertThat(new HashSet<>(List.of(one, same, other))).containsExactlyInAnyOrder(one, other);
  }

  @Test
  void theHashTellsStepsOfOtherAddressesActionsAndOperationsApart() {
    Map<String, Object> after = Map.of("files", Map.of());
    Set<Integer> hashes = new HashSet<>(List.of(
        new Step(Operation.UPDATE, change("site", Action.UPDATE, after)).hashCode(),
        new Step(Operation.UPDATE, change("blog", Action.UPDATE, after)).hashCode(),
        new Step(Operation.CREATE, change("site", Action.DELETE_THEN_CREATE, after)).hashCode(),
        new Step(Operation.DELETE, change("site", Action.DELETE_THEN_CREATE, after)).hashCode()));

    assertThat(hashes).hasSize(4);
  }
}
