package io.siteform.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.siteform.error.StateException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalBackendTest {
  @TempDir Path dir;

  private Path stateFile() {
    return dir.resolve("siteform.state.json");
  }

  @Test
  void readsNothingBeforeTheFirstWrite() {
    assertThat(new LocalBackend(stateFile()).read()).isEmpty();
  }

  @Test
  void readsBackWhatItWrote() {
    LocalBackend backend = new LocalBackend(stateFile());
    State state = Fixtures.site();

    backend.write(state);

    assertThat(backend.read()).contains(state);
    assertThat(backend.backupFile()).doesNotExist();
  }

  @Test
  void theBackupIsTheStateAsItWasWhenTheRunStarted() throws Exception {
    new LocalBackend(stateFile()).write(Fixtures.site());
    String atStart = Files.readString(stateFile());

    // One run, several writes (one per resource): the backup stays the state before the run.
    LocalBackend run = new LocalBackend(stateFile());
    State second = Fixtures.withBucketTag(Fixtures.site(), "second");
    run.write(second);
    State third = Fixtures.withBucketTag(second, "third");
    run.write(third);

    assertThat(Files.readString(run.backupFile())).isEqualTo(atStart);
    assertThat(run.read()).contains(third);
    assertThat(new LocalBackend(run.backupFile()).read()).contains(Fixtures.site());

    // The next run backs up what the last one left.
    String afterRun = Files.readString(stateFile());
    LocalBackend next = new LocalBackend(stateFile());
    next.write(Fixtures.withBucketTag(third, "fourth"));
    assertThat(Files.readString(next.backupFile())).isEqualTo(afterRun);
  }

  @Test
  void theBackupIsTheStartingFileItselfWhereTheFileSystemLinksAndLaterWritesLeaveItAlone() throws Exception {
    assumeTrue(linksWork(), "hard links");
    new LocalBackend(stateFile()).write(Fixtures.site());
    String atStart = Files.readString(stateFile());
    Object startingFile = fileKey(stateFile());

    LocalBackend run = new LocalBackend(stateFile());
    State second = Fixtures.withBucketTag(Fixtures.site(), "second");
    run.write(second);

    // No second copy of the document: the backup is the inode the state file was, which the
    // state's own replace left alone.
    assertThat(fileKey(run.backupFile())).isEqualTo(startingFile);
    assertThat(fileKey(stateFile())).isNotEqualTo(startingFile);
    assertThat(Files.readString(run.backupFile())).isEqualTo(atStart);

    run.write(Fixtures.withBucketTag(second, "third"));
    assertThat(fileKey(run.backupFile())).isEqualTo(startingFile);
    assertThat(Files.readString(run.backupFile())).isEqualTo(atStart);
    assertThat(new LocalBackend(stateFile()).read()).contains(Fixtures.withBucketTag(second, "third"));
    assertThat(AtomicFiles.tempFor(run.backupFile())).doesNotExist();
  }

  @Test
  void whereLinksAreRefusedTheBackupIsACopyOfTheStartingDocument() throws Exception {
    List<AtomicFiles.Linker> refusing = List.of(
        (link, existing) -> {
          throw new java.nio.file.FileSystemException(link.toString(), existing.toString(), "Operation not permitted");
        },
        (link, existing) -> {
          throw new UnsupportedOperationException("no hard links here");
        });
    for (AtomicFiles.Linker linker : refusing) {
      Files.deleteIfExists(stateFile());
      Files.deleteIfExists(new LocalBackend(stateFile()).backupFile());
      new LocalBackend(stateFile()).write(Fixtures.site());
      String atStart = Files.readString(stateFile());
      Object startingFile = fileKey(stateFile());

      LocalBackend run = new LocalBackend(stateFile(), linker);
      State second = Fixtures.withBucketTag(Fixtures.site(), "second");
      run.write(second);
      Object backupFile = fileKey(run.backupFile());
      run.write(Fixtures.withBucketTag(second, "third"));

      assertThat(Files.readString(run.backupFile())).isEqualTo(atStart);
      assertThat(fileKey(run.backupFile())).isEqualTo(backupFile);
      if (startingFile != null) assertThat(backupFile).isNotEqualTo(startingFile);
      assertThat(run.read()).contains(Fixtures.withBucketTag(second, "third"));
      try (var files = Files.list(dir)) {
        assertThat(files.map(p -> p.getFileName().toString()))
            .containsExactlyInAnyOrder("siteform.state.json", "siteform.state.json.backup");
      }
    }
  }

  @Test
  void aStateFileOthersMayReadIsBackedUpAsAnOwnerOnlyCopy() throws Exception {
    assumeTrue(AtomicFiles.isPosix(dir), "POSIX permissions");
    // Put there by hand or by an older siteform: a link would give the backup the same mode.
    Files.writeString(stateFile(), new StateCodec().toJson(Fixtures.site()));
    Files.setPosixFilePermissions(stateFile(), PosixFilePermissions.fromString("rw-r--r--"));
    LocalBackend run = new LocalBackend(stateFile());

    run.write(Fixtures.withBucketTag(Fixtures.site(), "changed"));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(run.backupFile())))
        .isEqualTo("rw-------");
    assertThat(new LocalBackend(run.backupFile()).read()).contains(Fixtures.site());
  }

  @Test
  void aRunThatStartsWithoutStateMakesNoBackup() {
    LocalBackend run = new LocalBackend(stateFile());
    run.write(Fixtures.site());
    run.write(Fixtures.withBucketTag(Fixtures.site(), "changed"));

    assertThat(run.backupFile()).doesNotExist();
  }

  @Test
  void fileAndBackupAreOwnerOnly() throws Exception {
    assumeTrue(AtomicFiles.isPosix(dir), "POSIX permissions");
    new LocalBackend(stateFile()).write(Fixtures.site());
    LocalBackend backend = new LocalBackend(stateFile());
    backend.write(Fixtures.withBucketTag(Fixtures.site(), "changed"));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stateFile())))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backend.backupFile())))
        .isEqualTo("rw-------");
  }

  @Test
  void identicalWriteTouchesNeitherFileNorBackup() throws Exception {
    State first = Fixtures.site();
    new LocalBackend(stateFile()).write(first);
    LocalBackend backend = new LocalBackend(stateFile());
    State second = Fixtures.withBucketTag(first, "changed");
    backend.write(second);
    FileTime past = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
    Files.setLastModifiedTime(stateFile(), past);
    Files.setLastModifiedTime(backend.backupFile(), past);
    String backup = Files.readString(backend.backupFile());

    backend.write(second);

    assertThat(Files.getLastModifiedTime(stateFile())).isEqualTo(past);
    assertThat(Files.getLastModifiedTime(backend.backupFile())).isEqualTo(past);
    assertThat(Files.readString(backend.backupFile())).isEqualTo(backup);
  }

  @Test
  void leftoverTempFileFromACrashIsIgnored() throws Exception {
    LocalBackend backend = new LocalBackend(stateFile());
    State state = Fixtures.site();
    backend.write(state);
    // What a kill between writing the temp file and renaming it leaves behind.
    Files.writeString(dir.resolve(".siteform.state.json.123456.tmp"), "{\"version\": 1, \"ser");

    assertThat(backend.read()).contains(state);
    State next = Fixtures.withBucketTag(state, "after-crash");
    backend.write(next);
    assertThat(backend.read()).contains(next);
  }

  @Test
  void leavesNoTempFilesBehind() throws Exception {
    new LocalBackend(stateFile()).write(Fixtures.site());
    LocalBackend backend = new LocalBackend(stateFile());
    backend.write(Fixtures.withBucketTag(Fixtures.site(), "changed"));

    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("siteform.state.json", "siteform.state.json.backup");
    }
  }

  @Test
  void tempFilesAKilledWriteLeftAreRemovedWhenTheNextRunTakesTheLock() throws Exception {
    LocalBackend backend = new LocalBackend(stateFile());
    backend.write(Fixtures.site());
    // What kills between writing a temp file and renaming it leave: this version's fixed names
    // and the random names of earlier versions.
    Files.writeString(dir.resolve(".siteform.state.json.tmp"), "{\"version\": 2, \"ser");
    Files.writeString(dir.resolve(".siteform.state.json.backup.tmp"), "{");
    Files.writeString(dir.resolve(".siteform.state.json.8812734.tmp"), "{");
    Files.writeString(dir.resolve("unrelated.tmp"), "keep");

    try (StateLock lock = new LocalBackend(stateFile()).lock("apply")) {
      try (var files = Files.list(dir)) {
        assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
            "siteform.state.json", "siteform.state.json.lock", "unrelated.tmp");
      }
    }
  }

  @Test
  void aLeftoverTempFileIsReusedNotAnObstacle() throws Exception {
    Path temp = dir.resolve(".siteform.state.json.tmp");
    Files.writeString(temp, "torn");
    LocalBackend backend = new LocalBackend(stateFile());

    backend.write(Fixtures.site());

    assertThat(backend.read()).contains(Fixtures.site());
    assertThat(temp).doesNotExist();
  }

  @Test
  void aFailedWriteRemovesItsTempFile() throws Exception {
    // A non-empty directory where the state should be: the rename fails after the temp is written.
    Files.createDirectories(stateFile().resolve("child"));
    assertThatThrownBy(() -> AtomicFiles.replace(stateFile(), new byte[] {'{', '}'}))
        .isInstanceOf(java.io.IOException.class);

    assertThat(AtomicFiles.tempFor(stateFile())).doesNotExist();
  }

  @Test
  void writeIntoMissingDirectoryFailsNamingIt() {
    Path missing = dir.resolve("nope").resolve("siteform.state.json");

    assertThatThrownBy(() -> new LocalBackend(missing).write(Fixtures.site()))
        .isInstanceOf(StateException.class)
        .hasMessageStartingWith(missing + ": ")
        .hasMessageContaining("directory " + dir.resolve("nope") + " does not exist");
  }

  @Test
  void writeBelowAPlainFileFailsAndLeavesNothing() throws Exception {
    // Root ignores directory modes, so a read-only directory cannot fail here; a parent that is
    // a plain file fails for every user.
    Path plain = Files.writeString(dir.resolve("plain"), "x");
    assertThatThrownBy(() -> new LocalBackend(plain.resolve("s.json")).write(Fixtures.site()))
        .isInstanceOf(StateException.class)
        .hasMessageStartingWith(plain.resolve("s.json") + ": ");
    assertThat(Files.readString(plain)).isEqualTo("x");
  }

  @Test
  void directoryWhereTheFileShouldBeIsAPlainError() throws Exception {
    Files.createDirectory(stateFile());
    LocalBackend backend = new LocalBackend(stateFile());

    assertThatThrownBy(backend::read)
        .isInstanceOf(StateException.class)
        .hasMessage(stateFile() + ": is a directory; the state path must name a file");
    assertThatThrownBy(() -> backend.write(Fixtures.site())).isInstanceOf(StateException.class);
  }

  @Test
  void failedBackupLeavesTheStateUnchanged() throws Exception {
    new LocalBackend(stateFile()).write(Fixtures.site());
    LocalBackend backend = new LocalBackend(stateFile());
    String before = Files.readString(stateFile());
    Files.createDirectories(backend.backupFile().resolve("in-the-way"));

    assertThatThrownBy(() -> backend.write(Fixtures.withBucketTag(Fixtures.site(), "changed")))
        .isInstanceOf(StateException.class)
        .hasMessageStartingWith(stateFile() + ": cannot write the backup to " + backend.backupFile())
        .hasMessageEndingWith("; the state file on disk is unchanged");
    assertThat(Files.readString(stateFile())).isEqualTo(before);
  }

  @Test
  void damagedFilePointsAtTheBackup() throws Exception {
    new LocalBackend(stateFile()).write(Fixtures.site());
    LocalBackend backend = new LocalBackend(stateFile());
    backend.write(Fixtures.withBucketTag(Fixtures.site(), "changed"));
    Files.writeString(stateFile(), "{ oops");

    assertThatThrownBy(backend::read)
        .isInstanceOf(StateException.class)
        .hasMessageStartingWith(stateFile() + ": not valid JSON")
        .hasMessageEndingWith("; the previous state is kept in " + backend.backupFile());
  }

  @Test
  void nonUtf8FileIsRejected() throws Exception {
    Files.write(stateFile(), new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'});

    assertThatThrownBy(new LocalBackend(stateFile())::read)
        .isInstanceOf(StateException.class)
        .hasMessageContaining("not UTF-8");
  }

  private boolean linksWork() throws Exception {
    Path probe = Files.writeString(dir.resolve("probe"), "x");
    try {
      Files.createLink(dir.resolve("probe.link"), probe);
      return true;
    } catch (java.io.IOException | UnsupportedOperationException refused) {
      return false;
    } finally {
      Files.deleteIfExists(dir.resolve("probe.link"));
      Files.delete(probe);
    }
  }

  private static Object fileKey(Path p) throws Exception {
    return Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
  }

  @Test
  void writesUtf8() throws Exception {
    new LocalBackend(stateFile()).write(Fixtures.site());

    assertThat(new String(Files.readAllBytes(stateFile()), StandardCharsets.UTF_8)).contains("café");
  }
}
