package io.siteform.error;

/** Root of every error siteform reports to a user. */
public abstract sealed class SiteformException extends RuntimeException
    permits SpecException, StateException, ProviderException, PlanException {

  protected SiteformException(String message, Throwable cause) {
    super(message, cause);
  }
}
