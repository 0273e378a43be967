package io.siteform.providers.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siteform.engine.provider.LiveResource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InFlightTest {
  private static final Map<String, Object> PART_WAY = Map.of("files", Map.of(),
      SiteContentProvider.PENDING, Map.of("index.html", Map.of("md5", "m")));
  private final List<LiveResource> recorded = new CopyOnWriteArrayList<>();

  @Test
  void aPublishDoneBeforeTheDelayRecordsNothing() throws Exception {
    InFlight f = InFlight.record(recorded::add, "b", PART_WAY, Duration.ofMillis(200));
    f.done();
    Thread.sleep(400);
    assertThat(recorded).isEmpty();
  }

  @Test
  void aLongerPublishRecordsItsFilesOnceAndIsDoneOnlyAfterTheWrite() throws Exception {
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    InFlight f = InFlight.record(sofar -> {
      writing.countDown();
      await(release);
      recorded.add(sofar);
    }, "b", PART_WAY, Duration.ZERO);
    assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
    Thread done = new Thread(f::done);
    done.start();
    done.join(200);
    assertThat(done.isAlive()).as("done waits for the write under way").isTrue();
    release.countDown();
    done.join(10_000);
    assertThat(recorded).singleElement().satisfies(r -> assertThat(r.attributes()).isEqualTo(PART_WAY));
  }

  @Test
  void aFailedPublishRecordsAtOnceAndAFailedWriteFailsAFinishedOne() {
    InFlight f = InFlight.record(recorded::add, "b", PART_WAY, Duration.ofHours(1));
    f.failed(new IllegalStateException("upload failed"));
    assertThat(recorded).hasSize(1);

    CountDownLatch writing = new CountDownLatch(1);
    InFlight broken = InFlight.record(sofar -> {
      writing.countDown();
      throw new IllegalStateException("disk full");
    }, "b", PART_WAY, Duration.ZERO);
    assertThat(await(writing)).isTrue();
    assertThatThrownBy(broken::done).hasMessage("disk full");
  }

  @Test
  void nothingPendingIsNeverRecorded() {
    InFlight.record(recorded::add, "b", Map.of("files", Map.of(), SiteContentProvider.PENDING, Map.of()), Duration.ZERO)
        .failed(new IllegalStateException("x"));
    assertThat(recorded).isEmpty();
  }

  private static boolean await(CountDownLatch l) {
    try {
      return l.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
