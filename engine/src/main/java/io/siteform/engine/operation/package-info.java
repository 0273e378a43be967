/**
 * The operations a front end runs, each one class with its inputs in the constructor and one job
 * in {@code call()}, as OpenTofu's local backend runs plan and apply behind one call: {@link
 * io.siteform.engine.operation.PlanOperation} (data sources, refresh, diff, conflicts; a destroy
 * plan too), {@link io.siteform.engine.operation.SavedPlanOperation} (a saved plan, refused once
 * stale), {@link io.siteform.engine.operation.ApplyOperation}, {@link
 * io.siteform.engine.operation.DriftOperation}, {@link io.siteform.engine.operation.ImportOperation}
 * and {@link io.siteform.engine.operation.OutputsOperation}. They never print: progress goes to an
 * {@link io.siteform.engine.event.EngineListener}, and each returns a record the front end renders.
 * The CLI and the engine's test harness call the same ones.
 */
package io.siteform.engine.operation;
