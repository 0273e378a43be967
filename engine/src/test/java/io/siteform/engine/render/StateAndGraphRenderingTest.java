package io.siteform.engine.render;

import io.siteform.engine.graph.ResourceGraph;
import io.siteform.engine.resource.Expander;
import io.siteform.engine.testing.Fixtures;
import io.siteform.engine.testing.Golden;
import io.siteform.engine.testing.Harness;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden files for `state show`, `show` and `graph`. */
class StateAndGraphRenderingTest {
  @Test
  void stateShowAndShow() throws Exception {
    Harness h = new Harness();
    h.apply(Fixtures.workshop());
    StateTextRenderer r = new StateTextRenderer(Style.PLAIN);
    Golden.assertMatches(Golden.root().resolve("state/state-show.txt"),
        r.render(h.state().find("s3_bucket.primary").orElseThrow()));
    Golden.assertMatches(Golden.root().resolve("state/show.txt"), r.render(h.state()));
  }

  @Test
  void graphAsDot() {
    Golden.assertMatches(Golden.root().resolve("graph/domain.dot"), new GraphDotRenderer().render(
        new ResourceGraph(new Expander().expand(Fixtures.withDomain(List.of("www.example.com"))))));
  }
}
