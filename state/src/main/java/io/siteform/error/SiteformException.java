package io.siteform.error;

/**
 * Root of every user error: something the user can fix, reported as {@code Error: message} with
 * no stack trace and never as a bug (see {@link SiteformBug}).
 */
public abstract sealed class SiteformException extends RuntimeException
    permits SpecException, StateException, ProviderException, PlanException, UsageException {

  protected SiteformException(String message, Throwable cause) {
    super(message, cause);
  }
}
