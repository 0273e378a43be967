package io.siteform.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/** File-system steps the local backend composes; each either completes or leaves the target alone. */
final class AtomicFiles {
  private AtomicFiles() {}

  /**
   * Replaces {@code target} with {@code content} so that a reader, or the next run after a crash,
   * sees either the old file or the new one. The temp file has one fixed name per target, {@code
   * .<name>.tmp}: the caller holds the state lock, so no one else writes it, and a temp file left
   * by a killed write is simply replaced by the next one instead of piling up. It is born
   * owner-only (state holds ids and ARNs other local users have no business reading, and a chmod
   * after creation would leave a window with wider rights), and removed if the write fails.
   */
  static void replace(Path target, byte[] content) throws IOException {
    Path temp = tempFor(target);
    try {
      Files.deleteIfExists(temp);
      try (FileChannel ch = FileChannel.open(temp,
          java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly(temp.getParent()))) {
        ByteBuffer buf = ByteBuffer.wrap(content);
        while (buf.hasRemaining()) ch.write(buf);
        // Without this a crash after the rename can leave a renamed but empty file.
        ch.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Makes a second name for a file: {@link Files#createLink}, or in tests one that refuses. */
  @FunctionalInterface
  interface Linker {
    void link(Path link, Path existing) throws IOException;
  }

  /**
   * Makes {@code target} another name for the file {@code existing} names, replacing {@code
   * target} at once: the link is made at {@code target}'s temp name and renamed over it, so a
   * reader or a crash sees the old {@code target} or the new one, and a temp name a kill leaves
   * is one {@link #removeLeftovers} clears. Returns false, {@code target} untouched, when the
   * file system refuses the link (no hard links there, a link count at its limit, a kernel
   * refusing links to another user's file), so the caller can copy instead.
   */
  static boolean link(Path target, Path existing, Linker linker) throws IOException {
    Path temp = tempFor(target);
    try {
      Files.deleteIfExists(temp);
      try {
        linker.link(temp, existing);
      } catch (IOException | UnsupportedOperationException refused) {
        return false;
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return true;
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** The one temp file {@link #replace} and {@link #link} write {@code target} through. */
  static Path tempFor(Path target) {
    Path abs = target.toAbsolutePath();
    return abs.resolveSibling("." + abs.getFileName() + ".tmp");
  }

  /**
   * Removes temp files a killed write of {@code target} (or of its siblings such as the backup)
   * left behind: {@code .<name>.tmp} and, from earlier siteform versions, {@code .<name>.*.tmp}.
   * Called with the lock held, so none of them is being written. Best effort: a file that cannot
   * be removed is never read anyway.
   */
  static void removeLeftovers(Path target) {
    Path abs = target.toAbsolutePath();
    String prefix = "." + abs.getFileName() + ".";
    try (var entries = Files.list(abs.getParent())) {
      for (Path p : (Iterable<Path>) entries::iterator) {
        String n = p.getFileName().toString();
        if (n.startsWith(prefix) && n.endsWith("tmp") && n.length() >= prefix.length() + 3) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException bestEffort) {
      // Leftovers are never read; failing to list or remove them costs only disk space.
    }
  }

  /**
   * Makes the renames in {@code dir} durable. Only POSIX systems can open a directory for this;
   * elsewhere the rename is as durable as the platform makes it.
   */
  static void syncDirectory(Path dir) {
    if (!isPosix(dir)) return;
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException notSupported) {
      // Some file systems refuse fsync on a directory; the data itself is already synced.
    }
  }

  static FileAttribute<?>[] ownerOnly(Path dir) {
    return isPosix(dir)
        ? new FileAttribute<?>[] {
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
        }
        : new FileAttribute<?>[0];
  }

  static boolean isPosix(Path p) {
    return p.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /** A plain reason for a user: "permission denied" rather than an exception class name. */
  static String reason(IOException e) {
    if (e instanceof AccessDeniedException) return "permission denied";
    if (e instanceof NoSuchFileException) return "no such file or directory";
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason().toLowerCase(java.util.Locale.ROOT);
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
