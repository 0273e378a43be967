/** Saved plans: {@code plan --out FILE} writes one, {@code apply FILE} reads it back and checks it is not stale. */
package io.siteform.engine.planfile;
