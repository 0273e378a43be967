/**
 * The state document — what siteform created, with ids and attributes — and where it is kept.
 * The model ({@link io.siteform.state.State}) is separate from its storage
 * ({@link io.siteform.state.StateBackend}); {@link io.siteform.state.StateCodec} is the one JSON
 * form both the file and future backends share, and {@link io.siteform.state.LocalBackend} keeps
 * it in a local file, written atomically with one {@code .backup} per run (a hard link to the
 * file as the run found it, where the file system allows) and guarded by an OS
 * file lock on {@code .lock} that dies with its holder.
 * Every failure reaches callers as an {@link io.siteform.error.StateException} naming the state's
 * location.
 */
package io.siteform.state;
