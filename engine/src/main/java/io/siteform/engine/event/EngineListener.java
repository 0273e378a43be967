package io.siteform.engine.event;

import io.siteform.engine.resource.Address;
import io.siteform.error.Operation;
import java.time.Duration;
import java.util.List;

/**
 * Hooks the engine calls as it works, possibly from several threads at once: implementations
 * must be thread-safe. Every method has a do-nothing default.
 */
public interface EngineListener {
  EngineListener NONE = new EngineListener() {};

  /** Every one of {@code listeners}, in order: the progress lines and the run's statistics. */
  static EngineListener all(EngineListener... listeners) {
    List<EngineListener> ls = List.of(listeners);
    return new EngineListener() {
      @Override
      public void phase(String name, Duration elapsed) {
        ls.forEach(l -> l.phase(name, elapsed));
      }

      @Override
      public void refreshing(Address address, String id) {
        ls.forEach(l -> l.refreshing(address, id));
      }

      @Override
      public void refreshed(Address address, Duration elapsed) {
        ls.forEach(l -> l.refreshed(address, elapsed));
      }

      @Override
      public void read(String dataAddress, String id, Duration elapsed) {
        ls.forEach(l -> l.read(dataAddress, id, elapsed));
      }

      @Override
      public void started(Address address, Operation op) {
        ls.forEach(l -> l.started(address, op));
      }

      @Override
      public void progress(Address address, Operation op, String message, Duration elapsed) {
        ls.forEach(l -> l.progress(address, op, message, elapsed));
      }

      @Override
      public void step(Address address, Operation op, String name, Duration elapsed) {
        ls.forEach(l -> l.step(address, op, name, elapsed));
      }

      @Override
      public void completed(Address address, Operation op, String id, Duration elapsed) {
        ls.forEach(l -> l.completed(address, op, id, elapsed));
      }

      @Override
      public void failed(Address address, Operation op, Throwable error, Duration elapsed) {
        ls.forEach(l -> l.failed(address, op, error, elapsed));
      }

      @Override
      public void skipped(Address address, Operation op) {
        ls.forEach(l -> l.skipped(address, op));
      }
    };
  }

  /**
   * A phase of the operation ended after {@code elapsed}: "data sources", "refresh", "diff",
   * "apply". Called once per phase; the data sources and the refresh run at once, each telling
   * of its end from its own thread.
   */
  default void phase(String name, Duration elapsed) {}

  default void refreshing(Address address, String id) {}

  /** The read of a resource in state (its refresh) answered after {@code elapsed}. */
  default void refreshed(Address address, Duration elapsed) {}

  /** A data source was read: {@code data.TYPE.NAME} found the object {@code id}. */
  default void read(String dataAddress, String id, Duration elapsed) {}

  default void started(Address address, Operation op) {}

  default void progress(Address address, Operation op, String message, Duration elapsed) {}

  /** A named part of a provider's call ended ("uploads", "replica wait"): {@link io.siteform.engine.provider.Progress#step}. */
  default void step(Address address, Operation op, String name, Duration elapsed) {}

  default void completed(Address address, Operation op, String id, Duration elapsed) {}

  default void failed(Address address, Operation op, Throwable error, Duration elapsed) {}

  default void skipped(Address address, Operation op) {}
}
