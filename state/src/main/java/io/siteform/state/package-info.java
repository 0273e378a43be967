/**
 * The state document — what siteform created, with ids and attributes — and where it is kept.
 * The model ({@link io.siteform.state.State}) is separate from its storage
 * ({@link io.siteform.state.StateBackend}).
 */
package io.siteform.state;
