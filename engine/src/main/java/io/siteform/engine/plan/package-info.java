/**
 * Plans: the {@link io.siteform.engine.plan.Action} each resource needs, the {@link
 * io.siteform.engine.plan.ResourceChange} that records it, drift found by refreshing, and the
 * pure {@link io.siteform.engine.plan.Planner} that diffs desired resources against state.
 */
package io.siteform.engine.plan;
