package io.siteform.state;

import io.siteform.error.StateException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The local backend's lock: a file created with {@code CREATE_NEW}, which the OS grants to exactly
 * one process, holding who took it and why so a blocked user knows whom to ask. A {@link
 * FileLock} is also held on it while open; the OS drops that when the process dies, so tools that
 * probe it can tell a live holder from a stale file. The file itself outlives a killed process on
 * purpose: a half-finished apply deserves a human look before the next one starts.
 */
final class LocalLock implements StateLock {
  private final Path path;
  private final String location;
  private final FileChannel channel;
  private final FileLock fileLock;
  private final AtomicBoolean closed = new AtomicBoolean();

  private LocalLock(Path path, String location, FileChannel channel, FileLock fileLock) {
    this.path = path;
    this.location = location;
    this.channel = channel;
    this.fileLock = fileLock;
  }

  static LocalLock acquire(Path path, String location, String operation) {
    FileChannel channel;
    try {
      channel = FileChannel.open(
          path,
          Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
          AtomicFiles.ownerOnly(path.toAbsolutePath().getParent()));
    } catch (FileAlreadyExistsException e) {
      throw new StateException(location, heldMessage(path), e);
    } catch (NoSuchFileException e) {
      throw new StateException(
          location, "cannot lock the state: directory " + path.toAbsolutePath().getParent()
              + " does not exist", e);
    } catch (IOException e) {
      throw new StateException(
          location, "cannot create the lock file " + path + ": " + AtomicFiles.reason(e), e);
    }
    try {
      FileLock fileLock = channel.tryLock();
      channel.write(ByteBuffer.wrap(LockHolder.self(operation)));
      channel.force(true);
      return new LocalLock(path, location, channel, fileLock);
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel);
      try {
        Files.deleteIfExists(path);
      } catch (IOException ignored) {
        // The original failure is the one worth reporting.
      }
      String why = e instanceof IOException io ? AtomicFiles.reason(io) : String.valueOf(e.getMessage());
      throw new StateException(location, "cannot write the lock file " + path + ": " + why, e);
    }
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) return;
    // Deleted while still held, so no other process can observe a released but present lock.
    IOException failure = null;
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      failure = e;
    }
    try {
      if (fileLock != null) fileLock.release();
    } catch (IOException ignored) {
      // Closing the channel releases it as well.
    }
    closeQuietly(channel);
    if (failure != null) {
      throw new StateException(
          location, "cannot remove the lock file " + path + ": " + AtomicFiles.reason(failure)
              + "; delete it by hand", failure);
    }
  }

  /** Names the holder when the lock file says who it is; the advice holds either way. */
  private static String heldMessage(Path path) {
    String holder;
    try {
      // Its holder may be between creating and filling it, or it was damaged: still locked.
      holder = LockHolder.describe(Files.readAllBytes(path))
          .orElse("by another process (the lock file does not say who)");
    } catch (IOException unreadable) {
      holder = "by another process (the lock file does not say who)";
    }
    return "the state is locked " + holder + ". If no siteform is running against this state"
        + " any more, the lock is stale: remove it with: rm " + path;
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // Nothing left to release that the OS will not release itself.
    }
  }
}
