package io.siteform.state;

import io.siteform.error.StateException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * State in a local file, for one user or one CI job. Next to it live {@code <file>.backup} (the
 * document as it was when this run started, for recovering from a bad apply by hand: one backup
 * per run, taken before its first write, as OpenTofu's filesystem.go) and, while an operation
 * runs, {@code <file>.lock}. Writes are atomic and durable, so an apply killed at any moment
 * leaves either the old or the new document, never a torn one; a temp file such a kill leaves is
 * never read, and is removed when the next run takes the lock.
 *
 * <p>One instance serves one run: the first write that changes the file keeps the file as it was
 * as the backup; later writes of the same run leave the backup alone.
 */
public final class LocalBackend implements StateBackend {
  private final Path file;
  private final StateCodec codec = new StateCodec();
  private boolean backedUp;

  public LocalBackend(Path file) {
    this.file = Objects.requireNonNull(file, "file");
  }

  public Path file() {
    return file;
  }

  public Path backupFile() {
    return sibling(".backup");
  }

  public Path lockFile() {
    return sibling(".lock");
  }

  @Override
  public String location() {
    return file.toString();
  }

  @Override
  public Optional<State> read() {
    byte[] bytes = currentBytes();
    if (bytes == null) return Optional.empty();
    String json;
    try {
      json = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new StateException(location(), "not a state document: the file is not UTF-8 text" + backupHint());
    }
    try {
      return Optional.of(codec.fromJson(json, location()));
    } catch (StateException e) {
      String hint = backupHint();
      if (hint.isEmpty()) throw e;
      throw new StateException(location(), withoutLocation(e) + hint, e);
    }
  }

  /**
   * Writes {@code state} unless the file already holds exactly this document, in which case
   * neither the file nor its backup is touched. The first write of this run that changes the file
   * keeps what was there as the backup; a bad apply is undone by copying it back.
   */
  @Override
  public synchronized void write(State state) {
    byte[] next = codec.toJson(state).getBytes(StandardCharsets.UTF_8);
    byte[] current = currentBytes();
    if (Arrays.equals(current, next)) return;
    Path dir = file.toAbsolutePath().getParent();
    if (!Files.isDirectory(dir)) {
      throw new StateException(location(), "cannot write the state: directory " + dir + " does not exist");
    }
    if (!backedUp) {
      if (current != null) replace(backupFile(), current, "the backup to " + backupFile());
      backedUp = true;
    }
    replace(file, next, "the state");
    AtomicFiles.syncDirectory(dir);
  }

  @Override
  public StateLock lock(String operation) {
    LocalLock lock = LocalLock.acquire(lockFile(), location(), operation);
    // Holding the lock, no write is under way: what a killed write left can go.
    AtomicFiles.removeLeftovers(file);
    return lock;
  }

  @Override
  public String forceUnlock(String lockId) {
    return LocalLock.forceUnlock(lockFile(), location(), lockId);
  }

  /** The file's bytes, or null when there is no file yet. */
  private byte[] currentBytes() {
    if (Files.isDirectory(file)) {
      throw new StateException(location(), "is a directory; the state path must name a file");
    }
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new StateException(location(), "cannot read the state: " + AtomicFiles.reason(e), e);
    }
  }

  private void replace(Path target, byte[] content, String what) {
    try {
      AtomicFiles.replace(target, content);
    } catch (IOException e) {
      throw new StateException(
          location(),
          "cannot write " + what + ": " + AtomicFiles.reason(e)
              + "; the state file on disk is unchanged",
          e);
    }
  }

  private String backupHint() {
    return Files.isRegularFile(backupFile())
        ? "; the previous state is kept in " + backupFile()
        : "";
  }

  private String withoutLocation(StateException e) {
    String prefix = e.location() + ": ";
    String m = e.getMessage();
    return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
  }

  private Path sibling(String suffix) {
    return file.resolveSibling(file.getFileName() + suffix);
  }
}
