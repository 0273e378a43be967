package io.siteform.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.siteform.error.StateException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// Locks are held by try-with-resources for their scope alone, which javac flags as unused.
@SuppressWarnings("try")
class LocalLockTest {
  @TempDir Path dir;

  private LocalBackend backend() {
    return new LocalBackend(dir.resolve("siteform.state.json"));
  }

  @Test
  void lockFileNamesItsHolder() throws Exception {
    LocalBackend backend = backend();
    try (StateLock lock = backend.lock("apply")) {
      JsonNode holder = new ObjectMapper().readTree(backend.lockFile().toFile());

      assertThat(holder.get("id").asText()).isNotBlank();
      assertThat(holder.get("who").asText()).startsWith(System.getProperty("user.name") + "@");
      assertThat(holder.get("operation").asText()).isEqualTo("apply");
      assertThat(holder.get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
      assertThat(Instant.parse(holder.get("created").asText())).isBeforeOrEqualTo(Instant.now());
    }
  }

  @Test
  void secondLockFailsNamingTheLiveHolder() {
    LocalBackend backend = backend();
    try (StateLock held = backend.lock("apply")) {
      assertThatThrownBy(() -> backend.lock("plan"))
          .isInstanceOf(StateException.class)
          .hasMessageStartingWith(backend.location() + ": the state is locked by "
              + System.getProperty("user.name") + "@")
          .hasMessageContaining("(pid " + ProcessHandle.current().pid() + ") for apply since ")
          .hasMessageContaining("that run is still going: its process holds the lock")
          .hasMessageNotContaining("rm ");
      assertThat(held.notice()).isEmpty();
    }
  }

  @Test
  void aLockWhoseHolderWasKilledIsTakenOverAtOnceSayingWhoseItWas() throws Exception {
    LocalBackend backend = backend();
    Process holder = LockHoldingProcess.start(backend.file());
    try {
      // While it lives, its lock holds, whatever the file says.
      assertThatThrownBy(() -> backend.lock("apply"))
          .isInstanceOf(StateException.class)
          .hasMessageContaining("(pid " + holder.pid() + ") for apply since ")
          .hasMessageContaining("still going");
    } finally {
      holder.destroyForcibly(); // SIGKILL: no finally, no shutdown hook runs in it
      holder.waitFor();
    }
    assertThat(backend.lockFile()).as("a killed holder leaves its lock file").exists();

    try (StateLock lock = backend.lock("apply")) {
      assertThat(lock.notice()).hasValueSatisfying(n -> assertThat(n)
          .startsWith("took over the lock left by " + System.getProperty("user.name") + "@")
          .contains("(pid " + holder.pid() + ") for apply since ")
          .contains("no longer running")
          .doesNotContain("\n"));
      JsonNode now = new ObjectMapper().readTree(backend.lockFile().toFile());
      assertThat(now.get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
    }
    assertThat(backend.lockFile()).doesNotExist();
  }

  @Test
  void forceUnlockNeverOverridesALiveLocalHolder() {
    LocalBackend backend = backend();
    try (StateLock held = backend.lock("apply")) {
      String id = LockHolder.id(read(backend.lockFile())).orElseThrow();
      assertThatThrownBy(() -> backend.forceUnlock(id))
          .isInstanceOf(StateException.class)
          .hasMessageContaining("(lock ID " + id + ")")
          .hasMessageContaining("force-unlock never overrides a live holder");
      assertThat(backend.lockFile()).exists();
    }
  }

  @Test
  void forceUnlockClearsALocalLockWhoseHolderIsGoneOnlyByItsId() throws Exception {
    LocalBackend backend = backend();
    Files.write(backend.lockFile(), LockHolder.self("apply", "lock-1"));

    assertThatThrownBy(() -> backend.forceUnlock("lock-2"))
        .isInstanceOf(StateException.class)
        .hasMessageContaining("lock-2 is not the id of this state's lock")
        .hasMessageContaining("records lock ID lock-1");
    assertThat(backend.forceUnlock("lock-1")).startsWith("by ").contains(" for apply since ");
    assertThat(backend.lockFile()).doesNotExist();
    assertThatThrownBy(() -> backend.forceUnlock("lock-1"))
        .isInstanceOf(StateException.class)
        .hasMessageContaining("the state is not locked");
  }

  private static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void closingReleasesTheLockAndTwiceIsHarmless() {
    LocalBackend backend = backend();
    StateLock lock = backend.lock("apply");

    lock.close();
    assertThatCode(lock::close).doesNotThrowAnyException();

    assertThat(backend.lockFile()).doesNotExist();
    try (StateLock again = backend.lock("destroy")) {
      assertThat(backend.lockFile()).exists();
    }
  }

  @Test
  void aLockFileNoProcessHoldsIsTakenOverEvenIfItSaysNothing() throws Exception {
    LocalBackend backend = backend();
    Files.writeString(backend.lockFile(), "garbage");

    try (StateLock lock = backend.lock("apply")) {
      assertThat(lock.notice()).hasValue("took over the lock left by an earlier run (the lock file does not say"
          + " who): that run is no longer running (its process released the OS lock when it ended)");
    }
  }

  @Test
  void anEmptyLockFileIsTakenOverSilently() throws Exception {
    LocalBackend backend = backend();
    Files.writeString(backend.lockFile(), "");

    try (StateLock lock = backend.lock("apply")) {
      assertThat(lock.notice()).isEmpty();
    }
  }

  @Test
  void lockFileIsOwnerOnly() throws Exception {
    assumeTrue(AtomicFiles.isPosix(dir), "POSIX permissions");
    LocalBackend backend = backend();
    try (StateLock lock = backend.lock("apply")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backend.lockFile())))
          .isEqualTo("rw-------");
    }
  }

  @Test
  void lockInMissingDirectoryFailsNamingIt() {
    LocalBackend backend = new LocalBackend(dir.resolve("nope").resolve("s.json"));

    assertThatThrownBy(() -> backend.lock("apply"))
        .isInstanceOf(StateException.class)
        .hasMessageContaining("directory " + dir.resolve("nope") + " does not exist");
  }
}
