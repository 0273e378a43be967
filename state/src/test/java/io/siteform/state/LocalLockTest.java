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

      assertThat(holder.get("who").asText()).startsWith(System.getProperty("user.name") + "@");
      assertThat(holder.get("operation").asText()).isEqualTo("apply");
      assertThat(holder.get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
      assertThat(Instant.parse(holder.get("created").asText())).isBeforeOrEqualTo(Instant.now());
    }
  }

  @Test
  void secondLockFailsNamingTheHolderAndHowToClearAStaleLock() {
    LocalBackend backend = backend();
    try (StateLock held = backend.lock("apply")) {
      assertThatThrownBy(() -> backend.lock("plan"))
          .isInstanceOf(StateException.class)
          .hasMessageStartingWith(backend.location() + ": the state is locked by "
              + System.getProperty("user.name") + "@")
          .hasMessageContaining("(pid " + ProcessHandle.current().pid() + ") for apply since ")
          .hasMessageContaining("rm " + backend.lockFile());
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
  void unreadableLockFileStillCountsAsHeld() throws Exception {
    LocalBackend backend = backend();
    Files.writeString(backend.lockFile(), "");

    assertThatThrownBy(() -> backend.lock("apply"))
        .isInstanceOf(StateException.class)
        .hasMessageContaining("locked by another process (the lock file does not say who)");
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
