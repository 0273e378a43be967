package io.siteform.state;

import io.siteform.error.StateException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * State in a local file, for one user or one CI job. Next to it live {@code <file>.backup} (the
 * document as it was when this run started, for recovering from a bad apply by hand: one backup
 * per run, taken before its first write, as OpenTofu's filesystem.go) and, while an operation
 * runs, {@code <file>.lock}. Writes are atomic and durable, so an apply killed at any moment
 * leaves either the old or the new document, never a torn one; a temp file such a kill leaves is
 * never read, and is removed when the next run takes the lock.
 *
 * <p>One instance serves one run: the first write that changes the file keeps the file as it was
 * as the backup; later writes of the same run leave the backup alone. Where the file system
 * allows, the backup is a hard link to the file as it was, not a copy: every write replaces the
 * state file by a new one (temp file and rename), so the old file stays whole under the backup's
 * name, and a large site's state costs no second write and fsync of several megabytes per run.
 */
public final class LocalBackend implements StateBackend {
  private final Path file;
  private final StateCodec codec = new StateCodec();
  private final AtomicFiles.Linker linker;
  private boolean backedUp;

  public LocalBackend(Path file) {
    this(file, Files::createLink);
  }

  /** With {@code linker} making the backup's hard link: tests pass one that refuses. */
  LocalBackend(Path file, AtomicFiles.Linker linker) {
    this.file = Objects.requireNonNull(file, "file");
    this.linker = Objects.requireNonNull(linker, "linker");
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
      if (current != null) backUp(current);
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

  /**
   * Keeps the file as it is, {@code current}, as the backup: a hard link to it where that is safe
   * and the file system allows, else a copy. A file siteform wrote reached disk through a synced
   * replace, and the state's next replace leaves it alone, so the link is as whole and durable as
   * a copy. A copy where the file is not a plain, owner-only file (a symbolic link, or a state put
   * there by hand or by an older siteform with a wider mode, which a link would give the backup).
   */
  private void backUp(byte[] current) {
    Path backup = backupFile();
    String what = "the backup to " + backup;
    try {
      if (linkable() && AtomicFiles.link(backup, file, linker)) return;
    } catch (IOException e) {
      throw cannotWrite(what, e);
    }
    replace(backup, current, what);
  }

  private boolean linkable() {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) return false;
    if (!AtomicFiles.isPosix(file.toAbsolutePath())) return true;
    try {
      return OWNER_ONLY.containsAll(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS));
    } catch (IOException e) {
      return false;
    }
  }

  private static final Set<PosixFilePermission> OWNER_ONLY =
      Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  private void replace(Path target, byte[] content, String what) {
    try {
      AtomicFiles.replace(target, content);
    } catch (IOException e) {
      throw cannotWrite(what, e);
    }
  }

  private StateException cannotWrite(String what, IOException e) {
    return new StateException(location(),
        "cannot write " + what + ": " + AtomicFiles.reason(e) + "; the state file on disk is unchanged", e);
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
