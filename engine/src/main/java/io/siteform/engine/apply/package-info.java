/**
 * Applying a plan: the {@link io.siteform.engine.apply.Applier} turns each change into steps
 * (create, update, delete), orders them in a graph and walks it; the {@link
 * io.siteform.engine.apply.StateRecorder} persists state after every step that completes.
 */
package io.siteform.engine.apply;
