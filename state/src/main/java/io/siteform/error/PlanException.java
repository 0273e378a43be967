package io.siteform.error;

/** A plan cannot be made or applied as asked (stale plan, unknown target, refused destroy). */
public final class PlanException extends SiteformException {
  public PlanException(String message) {
    super(message, null);
  }
}
