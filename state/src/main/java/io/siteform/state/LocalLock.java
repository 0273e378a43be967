package io.siteform.state;

import io.siteform.error.StateException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The local backend's lock: an OS file lock ({@code fcntl} on POSIX, as OpenTofu's
 * filesystem_lock_unix.go) on {@code <state>.lock}, a file that also says who holds it. The OS
 * drops the lock with its holder, however it dies, so the file alone never blocks anyone: a lock
 * file whose OS lock is free was left by a run that is gone, and the next run takes it over at
 * once, saying whose it was. A live holder is never overridden.
 */
final class LocalLock implements StateLock {
  private static final int ATTEMPTS = 5;

  /**
   * Lock files this JVM holds. POSIX drops a process's lock on a file when <em>any</em> of its
   * descriptors of that file closes, so a second lock attempt in the same process must not even
   * open the file: it is refused from here.
   */
  private static final Map<Path, LocalLock> HELD = new ConcurrentHashMap<>();

  private final Path path;
  private final String location;
  private final FileChannel channel;
  private final FileLock fileLock;
  private final Optional<String> notice;
  private final byte[] holder;
  private final AtomicBoolean closed = new AtomicBoolean();

  private LocalLock(Path path, String location, FileChannel channel, FileLock fileLock, Optional<String> notice,
      byte[] holder) {
    this.holder = holder;
    this.path = path;
    this.location = location;
    this.channel = channel;
    this.fileLock = fileLock;
    this.notice = notice;
  }

  static LocalLock acquire(Path path, String location, String operation) {
    Path key = path.toAbsolutePath().normalize();
    for (int attempt = 1; ; attempt++) {
      refuseIfHeldHere(key, location, "");
      Object before = fileKey(path);
      FileChannel channel = open(path, location);
      FileLock fileLock = tryLock(channel, path, location);
      if (fileLock == null) {
        byte[] content = readQuietly(channel);
        closeQuietly(channel);
        throw new StateException(location, heldMessage(content));
      }
      try {
        // Between our open and our lock, the holder may have released and removed the file, and
        // another run made a new one: then we hold a lock on a file no one else sees. The path
        // naming the same file before the open and once locked proves ours is the one everyone
        // checks. (Compared by file key: reading the path would open and close a second
        // descriptor, and closing any descriptor drops a POSIX lock.)
        Object after = fileKey(path);
        if (before == null || !before.equals(after)) {
          fileLock.release();
          closeQuietly(channel);
          if (attempt < ATTEMPTS) continue;
          throw new StateException(location, "cannot lock the state: the lock file " + path
              + " keeps being replaced; is another program removing it?");
        }
        byte[] left = readAll(channel);
        byte[] self = LockHolder.self(operation, UUID.randomUUID().toString());
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(self), 0);
        channel.force(true);
        Optional<String> notice = left.length == 0 ? Optional.empty()
            : Optional.of("took over the lock left " + LockHolder.describe(left)
                .orElse("by an earlier run (the lock file does not say who)")
                + ": that run is no longer running (its process released the OS lock when it ended)");
        LocalLock lock = new LocalLock(path, location, channel, fileLock, notice, self);
        HELD.put(key, lock);
        return lock;
      } catch (IOException e) {
        closeQuietly(channel);
        throw new StateException(location, "cannot write the lock file " + path + ": " + AtomicFiles.reason(e), e);
      }
    }
  }

  private static void refuseIfHeldHere(Path key, String location, String suffix) {
    LocalLock mine = HELD.get(key);
    if (mine != null) throw new StateException(location, heldMessage(mine.holder) + suffix);
  }

  /** The file's identity (device and inode on POSIX) without opening it, or null if it is gone. */
  private static Object fileKey(Path path) {
    try {
      BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
      // Without file keys (some platforms), fall back to the creation time.
      return Objects.requireNonNullElse(a.fileKey(), a.creationTime());
    } catch (IOException gone) {
      return null;
    }
  }

  /**
   * {@code force-unlock} for a local lock: only a lock whose holder is gone can be cleared, and such
   * a lock needs no clearing, since the next run takes it over; a live holder is named and kept.
   */
  static String forceUnlock(Path path, String location, String lockId) {
    refuseIfHeldHere(path.toAbsolutePath().normalize(), location, "; force-unlock never overrides a live holder");
    if (!Files.exists(path)) throw new StateException(location, "the state is not locked; there is nothing to unlock");
    FileChannel channel = open(path, location);
    try {
      FileLock fileLock = tryLock(channel, path, location);
      byte[] content;
      try {
        content = readAll(channel);
      } catch (IOException e) {
        content = new byte[0];
      }
      if (fileLock == null) {
        throw new StateException(location, heldMessage(content) + "; force-unlock never overrides a live holder");
      }
      Optional<String> id = LockHolder.id(content);
      if (id.isPresent() && !id.get().equals(lockId)) {
        throw new StateException(location, lockId + " is not the id of this state's lock: the lock file " + path
            + " records lock ID " + id.get() + ", left " + holder(content) + "; nothing was unlocked");
      }
      try {
        Files.deleteIfExists(path);
      } catch (IOException e) {
        throw new StateException(location, "cannot remove the lock file " + path + ": " + AtomicFiles.reason(e), e);
      }
      return holder(content);
    } finally {
      closeQuietly(channel);
    }
  }

  @Override
  public Optional<String> notice() {
    return notice;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) return;
    HELD.remove(path.toAbsolutePath().normalize(), this);
    // Deleted while still held, so no other process can observe a released but present lock.
    IOException failure = null;
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      failure = e;
    }
    try {
      fileLock.release();
    } catch (IOException ignored) {
      // Closing the channel releases it as well.
    }
    closeQuietly(channel);
    if (failure != null) {
      throw new StateException(
          location, "cannot remove the lock file " + path + ": " + AtomicFiles.reason(failure)
              + "; it is not held any more, and the next run takes it over", failure);
    }
  }

  private static FileChannel open(Path path, String location) {
    try {
      return FileChannel.open(
          path,
          Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE),
          AtomicFiles.ownerOnly(path.toAbsolutePath().getParent()));
    } catch (NoSuchFileException e) {
      throw new StateException(
          location, "cannot lock the state: directory " + path.toAbsolutePath().getParent()
              + " does not exist", e);
    } catch (IOException e) {
      throw new StateException(
          location, "cannot open the lock file " + path + ": " + AtomicFiles.reason(e), e);
    }
  }

  /** The OS lock, or null when another process (or another lock in this one) holds it. */
  private static FileLock tryLock(FileChannel channel, Path path, String location) {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException heldHere) {
      return null;
    } catch (IOException e) {
      closeQuietly(channel);
      throw new StateException(location, "cannot lock " + path + ": " + AtomicFiles.reason(e), e);
    }
  }

  /** Names the holder when the lock file says who it is; the advice holds either way. */
  private static String heldMessage(byte[] content) {
    String id = LockHolder.id(content).map(i -> " (lock ID " + i + ")").orElse("");
    return "the state is locked " + holder(content) + id + ", and that run is still going: its process holds"
        + " the lock. Wait for it to finish, or stop it; the lock is released the moment it exits";
  }

  private static String holder(byte[] content) {
    // Its holder may be between creating and filling it, or it was damaged.
    return LockHolder.describe(content).orElse("by another process (the lock file does not say who)");
  }

  private static byte[] readAll(FileChannel channel) throws IOException {
    long size = channel.size();
    // Not a holder siteform wrote, but something was left: still a lock taken over.
    if (size > 64 * 1024) return new byte[] {'?'};
    ByteBuffer buf = ByteBuffer.allocate((int) size);
    while (buf.hasRemaining() && channel.read(buf, buf.position()) > 0) {
      // read until full
    }
    return Arrays.copyOf(buf.array(), buf.position());
  }

  private static byte[] readQuietly(FileChannel channel) {
    try {
      return readAll(channel);
    } catch (IOException unreadable) {
      return new byte[0];
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // Nothing left to release that the OS will not release itself.
    }
  }
}
