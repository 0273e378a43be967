package io.siteform.engine.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.siteform.engine.operation.OutputsOperation;
import io.siteform.engine.plan.Plan;
import io.siteform.engine.spec.BucketSpec;
import io.siteform.engine.spec.Spec;
import io.siteform.engine.testing.Fixtures;
import io.siteform.engine.testing.Golden;
import io.siteform.engine.testing.Harness;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Outputs as Terraform prints them: HCL, {@code output --json}, and a plan's {@code output_changes}. */
class OutputRenderingTest {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private final Harness h = new Harness();

  private static void check(String name, String actual) {
    Golden.assertMatches(Golden.root().resolve("outputs/" + name), actual);
  }

  /** Two replicas whose addresses sort the other way round from the spec's order. */
  private static Spec twoReplicas() {
    return Fixtures.spec("ticket-service-ui-jane-doe", List.of(
        new BucketSpec("us-west-2", "ticket-service-ui-oregon-jane-doe"),
        new BucketSpec("ap-southeast-1", "ticket-service-ui-singapore-jane-doe")));
  }

  @Test
  void everyOutputInHclAndTerraformsJsonWithReplicasInSpecOrder() throws Exception {
    h.apply(twoReplicas());
    OutputsOperation.Outputs outputs = new OutputsOperation(twoReplicas(), h.state()).call();
    String hcl = new OutputRenderer().hcl(outputs.values());
    check("outputs.txt", hcl);
    check("outputs.json", new OutputRenderer().json(outputs.values()));
    assertThat(hcl.indexOf("oregon")).as("replicas in spec order").isLessThan(hcl.indexOf("singapore"));
    assertThat(hcl).contains("primary_bucket = {", "replica_buckets = [");
  }

  @Test
  void aPlanSaysHowEachOutputChanges() throws Exception {
    Plan create = h.plan(Fixtures.withDomain(List.of("www.example.com")));
    check("output-changes-create.json", JSON.writeValueAsString(new PlanJsonRenderer()
        .toJson(create, new OutputsOperation(Fixtures.withDomain(List.of("www.example.com")), h.state()).changes(create))
        .get("output_changes")) + "\n");
    h.apply(Fixtures.workshop());
    Plan renamed = h.plan(Fixtures.spec("ticket-service-ui-renamed", Fixtures.workshop().replicas()));
    var changes = new OutputsOperation(Fixtures.spec("ticket-service-ui-renamed", Fixtures.workshop().replicas()),
        h.state()).changes(renamed);
    check("output-changes-update.json", JSON.writeValueAsString(new PlanJsonRenderer().toJson(renamed, changes)
        .get("output_changes")) + "\n");
    assertThat(changes.get("primary_bucket").action()).isEqualTo("update");
    assertThat(changes.get("distribution_id").action()).isEqualTo("no-op");
  }

  @Test
  void eachResourceChangeHasItsModeAndProvider() {
    var json = new PlanJsonRenderer().toJson(h.plan(Fixtures.workshop()));
    assertThat(json.get("resource_changes")).allSatisfy(c -> {
      assertThat(c.get("mode").asText()).isEqualTo("managed");
      assertThat(c.get("provider_name").asText()).isEqualTo(PlanJsonRenderer.PROVIDER_NAME);
    });
  }
}
