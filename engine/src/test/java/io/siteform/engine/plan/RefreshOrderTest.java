package io.siteform.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.siteform.engine.event.EngineListener;
import io.siteform.engine.testing.Fixtures;
import io.siteform.engine.testing.Harness;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The refresh starts the reads that list a bucket first: with more resources than
 * {@code --parallelism}, the site's content would otherwise wait for a first round of the others
 * (17 resources at the default 10 put it in the second).
 */
class RefreshOrderTest {
  private final Harness h = new Harness();

  @Test
  void theReadsOfManyEntriesStartFirstAndTheLinesKeepStateOrder() throws Exception {
    h.cloud.localFiles.put("index.html", "i1");
    h.apply(Fixtures.withContent(true));
    List<String> started = new ArrayList<>();
    h.cloud.beforeRead = what -> {
      synchronized (started) {
        started.add(what.substring("read ".length()));
      }
    };
    List<String> lines = new ArrayList<>();
    EngineListener listener = new EngineListener() {
      @Override
      public void refreshing(io.siteform.engine.resource.Address address, String id) {
        lines.add(address.toString());
      }
    };

    new Refresher(h.providers, 1, listener).refresh(h.state());

    List<String> inState = h.state().resources().stream().map(r -> r.address()).toList();
    assertThat(lines).isEqualTo(inState);
    assertThat(started).hasSameSizeAs(inState);
    assertThat(started.subList(0, 3))
        .containsExactly("cloudfront_invalidation.site", "site_content.site", "site_content_removal.site");
    assertThat(started.subList(3, started.size())).isEqualTo(inState.stream()
        .filter(a -> !started.subList(0, 3).contains(a)).toList());
  }
}
