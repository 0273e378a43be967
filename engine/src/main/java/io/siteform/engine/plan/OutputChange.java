package io.siteform.engine.plan;

import java.util.Objects;

/**
 * How one of the site's outputs changes if a plan is applied, in Terraform's terms ({@code
 * output_changes}).
 *
 * @param before its value now, or null if it has none
 * @param after its value after apply ({@link #UNKNOWN} where not known yet), or null if it goes
 */
public record OutputChange(Object before, Object after) {
  /** A value, or part of one, a plan knows only after apply. */
  public static final Object UNKNOWN = new Object() {
    @Override
    public String toString() {
      return "(known after apply)";
    }
  };

  /** Terraform's action of an output change: create, update, delete or no-op. */
  public String action() {
    if (before == null) return "create";
    if (after == null) return "delete";
    return Objects.equals(before, after) ? "no-op" : "update";
  }
}
