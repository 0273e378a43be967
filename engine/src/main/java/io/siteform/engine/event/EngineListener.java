package io.siteform.engine.event;

import io.siteform.engine.resource.Address;
import io.siteform.error.Operation;
import java.time.Duration;

/**
 * Hooks the engine calls as it works, possibly from several threads at once: implementations
 * must be thread-safe. Every method has a do-nothing default.
 */
public interface EngineListener {
  EngineListener NONE = new EngineListener() {};

  default void refreshing(Address address, String id) {}

  /** A data source was read: {@code data.TYPE.NAME} found the object {@code id}. */
  default void read(String dataAddress, String id, Duration elapsed) {}

  default void started(Address address, Operation op) {}

  default void progress(Address address, Operation op, String message, Duration elapsed) {}

  default void completed(Address address, Operation op, String id, Duration elapsed) {}

  default void failed(Address address, Operation op, Throwable error, Duration elapsed) {}

  default void skipped(Address address, Operation op) {}
}
