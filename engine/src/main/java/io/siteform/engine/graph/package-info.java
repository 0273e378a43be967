/**
 * Dependency graphs: the resource graph of a spec, and the generic bounded-parallel walker that
 * runs any DAG of tasks, knowing nothing of resources.
 */
package io.siteform.engine.graph;
