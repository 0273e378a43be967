package io.siteform.engine.provider;

/**
 * Where a provider hands the engine an object as it stands part-way through a create or update:
 * the id AWS has just returned before a long wait, or what was done before a later call failed.
 * The engine records it at once, so a crash, an interrupt or a failure after this point loses
 * nothing (OpenTofu's "NewState should represent the most recent known state"). What the call
 * finally returns, or the next run's read, supersedes it.
 */
@FunctionalInterface
public interface Checkpoint {
  Checkpoint NONE = sofar -> {};

  void reached(LiveResource sofar);
}
