package io.siteform.engine.apply;

import io.siteform.state.ResourceState;
import io.siteform.state.State;
import io.siteform.state.StateBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The one writer of state during an apply: every completed step is persisted at once, so a
 * killed apply loses nothing. Each write bumps the serial.
 *
 * <p>A write that fails (a full disk, the S3 backend's conflict) is rethrown to the step that made
 * it, and the recorder calls {@link #whenAWriteFails} so the apply starts nothing new. It keeps
 * what this run did in memory meanwhile: a later write that lands records all of it, and {@link
 * #unrecorded()} says what AWS holds that the stored state does not.
 */
public final class StateRecorder {
  private final StateBackend backend;
  private State state;
  private State written;
  private boolean failed;
  private Runnable whenAWriteFails = () -> {};
  private ReleaseBook releases = new ReleaseBook(java.time.Clock.systemUTC(), 0);

  public StateRecorder(StateBackend backend, State initial) {
    this.backend = backend;
    this.state = initial;
    this.written = initial;
  }

  /** What a change done in AWS but missing from the stored state was: "id E2ABC", "deleted". */
  public record Unrecorded(String address, String what) {
    public Unrecorded {
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(what, "what");
    }

    @Override
    public String toString() {
      return address + ": " + what;
    }
  }

  public synchronized State current() {
    return state;
  }

  /** Called (once per failed write) when the backend refuses a write. */
  public synchronized void whenAWriteFails(Runnable action) {
    this.whenAWriteFails = Objects.requireNonNull(action, "action");
  }

  /** Whether a write failed during this run (a later one may have recorded everything since). */
  public synchronized boolean failed() {
    return failed;
  }

  /** How the releases a content write makes are told: when, and whether they are a rollback. */
  public synchronized void releases(ReleaseBook book) {
    this.releases = Objects.requireNonNull(book, "book");
  }

  public synchronized void put(ResourceState resource) {
    // A publish and its release are one write: a run killed after it loses neither.
    commit(releases.record(state.with(resource), resource), true);
  }

  /**
   * Records a create about to be sent. If the write fails the create is not sent, so this run
   * forgets the entry rather than reporting it as done in AWS.
   */
  public synchronized void putIntent(ResourceState creating) {
    if (!creating.isCreating()) throw new IllegalArgumentException(creating.address() + " is not a create in flight");
    commit(state.with(creating), false);
  }

  public synchronized void remove(String address) {
    if (state.find(address).isPresent()) commit(state.without(address), true);
  }

  /** Runs {@code action} while no write is in progress (an abort's interrupts, a halt). */
  public synchronized void between(Runnable action) {
    action.run();
  }

  /** Every difference between what this run knows and what the backend last took, by address. */
  public synchronized List<Unrecorded> unrecorded() {
    List<Unrecorded> out = new ArrayList<>();
    for (ResourceState r : state.resources()) {
      Optional<ResourceState> stored = written.find(r.address());
      if (stored.isPresent() && stored.get().equals(r)) continue;
      out.add(new Unrecorded(r.address(), r.isCreating()
          ? "a create was sent, not yet confirmed (" + identity(r) + ")"
          : (stored.isPresent() && !stored.get().isCreating() ? "changed, id " : "created, id ") + r.id()));
    }
    for (ResourceState r : written.resources()) {
      if (state.find(r.address()).isEmpty()) out.add(new Unrecorded(r.address(), "deleted"));
    }
    out.sort(java.util.Comparator.comparing(Unrecorded::address));
    return out;
  }

  private static String identity(ResourceState r) {
    return r.attributes().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
        .reduce((a, b) -> a + ", " + b).orElse("nothing recorded to find it by");
  }

  private void commit(State next, boolean doneInAws) {
    // The serial counts real changes only: re-recording an identical object writes nothing.
    if (next.resources().equals(state.resources())) return;
    State before = state;
    State numbered = next.withSerial(state.serial() + 1);
    state = numbered;
    // An interrupted thread's file channel closes at its first write: an aborted step still
    // records what AWS returned, and then sees its interrupt again.
    boolean interrupted = Thread.interrupted();
    try {
      backend.write(numbered);
    } catch (RuntimeException e) {
      if (!doneInAws) state = before;
      failed = true;
      whenAWriteFails.run();
      throw e;
    } finally {
      if (interrupted) Thread.currentThread().interrupt();
    }
    written = numbered;
  }
}
