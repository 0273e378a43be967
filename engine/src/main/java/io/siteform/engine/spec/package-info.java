/**
 * The spec, {@code siteform.yaml}: its immutable model ({@link io.siteform.engine.spec.Spec}),
 * loading with line and column kept for every node, variable interpolation, and validation that
 * reports every problem at once as {@code FILE:LINE:COLUMN: message}.
 */
package io.siteform.engine.spec;
