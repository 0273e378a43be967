package io.siteform.providers.aws.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.siteform.error.StateException;
import io.siteform.providers.aws.AwsClients;
import io.siteform.providers.testing.MotoExtension;
import io.siteform.providers.testing.MotoServer;
import io.siteform.state.ResourceState;
import io.siteform.state.State;
import io.siteform.state.StateLock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;

/** The shared S3 state backend against moto: round trip, one lock holder, no lost update. */
@ExtendWith(MotoExtension.class)
class S3BackendIT {
  private static final String LOST_ANSWER = "s3_conditional_write_lost_answer";

  private final MotoServer moto;
  private final AwsClients clients;
  private S3Client s3;

  S3BackendIT(MotoServer moto) {
    this.moto = moto;
    this.clients = moto.newClients();
  }

  @BeforeEach
  void bucket() {
    s3 = clients.s3("us-east-1");
    s3.createBucket(b -> b.bucket("team-state"));
    s3.putBucketVersioning(b -> b.bucket("team-state").versioningConfiguration(v -> v.status("Enabled")));
  }

  @AfterEach
  void close() {
    clients.close();
  }

  private static State state(long serial, String id) {
    return new State(State.FORMAT_VERSION, serial, "lineage-1", List.of(
        new ResourceState("s3_bucket.primary", "s3_bucket", "eu-west-1", id, Map.of("bucket", id), List.of())));
  }

  @Test
  void writesReadsBackAndKeepsEveryEarlierVersion() {
    S3Backend b = new S3Backend(s3, "team-state", "sites/tickets.json");
    assertThat(b.read()).isEmpty();
    try (StateLock lock = b.lock("apply")) {
      b.write(state(1, "a"));
      b.write(state(2, "b"));
    }
    assertThat(new S3Backend(s3, "team-state", "sites/tickets.json").read()).contains(state(2, "b"));
    assertThat(s3.listObjectVersions(r -> r.bucket("team-state").prefix("sites/tickets.json")).versions()
        .stream().filter(v -> v.key().equals("sites/tickets.json"))).hasSize(2);
    assertThat(b.location()).isEqualTo("s3://team-state/sites/tickets.json");
  }

  @Test
  void aSecondRunIsRefusedWhileTheLockIsHeldAndMayGoOnceReleased() {
    S3Backend first = new S3Backend(s3, "team-state", "k.json");
    S3Backend second = new S3Backend(s3, "team-state", "k.json");
    StateLock held = first.lock("apply");
    assertThatThrownBy(() -> second.lock("plan")).isInstanceOf(StateException.class)
        .hasMessageContaining("the state is locked by").hasMessageContaining("for apply")
        .hasMessageContaining("siteform force-unlock ");
    held.close();
    second.lock("plan").close();
  }

  @Test
  void forceUnlockClearsALeftLockByItsIdAndNoOther() {
    S3Backend gone = new S3Backend(s3, "team-state", "k.json");
    gone.lock("apply"); // its run died without releasing it
    S3Backend next = new S3Backend(s3, "team-state", "k.json");
    String message = catchThrowable(() -> next.lock("apply")).getMessage();
    String id = message.substring(message.indexOf("siteform force-unlock ") + "siteform force-unlock ".length());

    assertThatThrownBy(() -> next.forceUnlock("not-" + id)).isInstanceOf(StateException.class)
        .hasMessageContaining("is not the id of this state's lock").hasMessageContaining("(lock ID " + id + ")");
    assertThat(next.forceUnlock(id)).startsWith("by ").contains(" for apply since ");
    next.lock("apply").close();
    assertThatThrownBy(() -> next.forceUnlock(id)).isInstanceOf(StateException.class)
        .hasMessageContaining("the state is not locked");
  }

  @Test
  void aWriteOverSomeoneElsesIsRefusedNotLost() {
    S3Backend mine = new S3Backend(s3, "team-state", "k.json");
    mine.write(state(1, "a"));
    S3Backend theirs = new S3Backend(s3, "team-state", "k.json");
    theirs.read();
    theirs.write(state(2, "theirs"));
    assertThatThrownBy(() -> mine.write(state(2, "mine"))).isInstanceOf(StateException.class)
        .hasMessageContaining("changed by someone else");
    assertThat(new S3Backend(s3, "team-state", "k.json").read()).contains(state(2, "theirs"));
  }

  @Test
  void aMissingBucketSaysSo() {
    assertThatThrownBy(() -> new S3Backend(s3, "no-such-state-bucket", "k.json").read())
        .hasMessageContaining("bucket no-such-state-bucket does not exist");
  }

  // --- a conditional write whose answer is lost: the SDK's retry gets 412 though the write landed ---

  @Test
  void itsOwnLockAndWritesWhoseAnswersWereLostCountAsDone() {
    moto.untidy(LOST_ANSWER);
    S3Backend b = new S3Backend(s3, "team-state", "sites/lost.json");
    try (StateLock lock = b.lock("apply")) { // If-None-Match on the lock: answer lost
      b.write(state(1, "a")); // If-None-Match on the state: answer lost
      b.write(state(2, "b")); // If-Match: answer lost, and the ETag taken from the read back
      b.write(state(3, "c"));
    }
    moto.untidy();
    S3Backend next = new S3Backend(s3, "team-state", "sites/lost.json");
    assertThat(next.read()).contains(state(3, "c"));
    assertThat(next.read().orElseThrow().serial()).isEqualTo(3);
    next.lock("plan").close(); // the lock was released
  }

  @Test
  void aGenuineSecondWriterIsStillAConflictWithAnswersLost() {
    moto.untidy(LOST_ANSWER);
    S3Backend mine = new S3Backend(s3, "team-state", "k.json");
    mine.write(state(1, "a"));
    S3Backend theirs = new S3Backend(s3, "team-state", "k.json");
    theirs.read();
    theirs.write(state(2, "theirs"));
    assertThatThrownBy(() -> mine.write(state(2, "mine"))).isInstanceOf(StateException.class)
        .hasMessageContaining("changed by someone else");
    assertThat(new S3Backend(s3, "team-state", "k.json").read()).contains(state(2, "theirs"));
  }

  @Test
  void aLockHeldByAnotherRunIsStillRefusedWithAnswersLost() {
    moto.untidy(LOST_ANSWER);
    StateLock held = new S3Backend(s3, "team-state", "k.json").lock("apply");
    assertThatThrownBy(() -> new S3Backend(s3, "team-state", "k.json").lock("plan"))
        .isInstanceOf(StateException.class)
        .hasMessageContaining("the state is locked by").hasMessageContaining("for apply")
        .hasMessageContaining("siteform force-unlock ");
    held.close();
  }

  @Test
  void aConditionalRequestConflictIsRetried() {
    moto.untidy(LOST_ANSWER + "_conflict");
    S3Backend b = new S3Backend(s3, "team-state", "k.json");
    try (StateLock lock = b.lock("apply")) {
      b.write(state(1, "a"));
      b.write(state(2, "b"));
    }
    assertThat(new S3Backend(s3, "team-state", "k.json").read()).contains(state(2, "b"));
  }
}
