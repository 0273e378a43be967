/**
 * What the engine tells its front ends while it works. The engine never prints: the CLI (or a
 * test) subscribes an {@link io.siteform.engine.event.EngineListener} and renders.
 */
package io.siteform.engine.event;
