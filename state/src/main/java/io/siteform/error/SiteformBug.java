package io.siteform.error;

/**
 * Something siteform itself got wrong, never the user's doing: the CLI reports it as a bug to
 * report, with the {@code --debug} hint for the stack trace. Every exception that is not a
 * {@link SiteformException} is reported the same way; this type names the invariants siteform
 * checks on purpose. It is deliberately outside the sealed family of user errors.
 */
public final class SiteformBug extends RuntimeException {
  public SiteformBug(String message) {
    super(message);
  }

  public SiteformBug(String message, Throwable cause) {
    super(message, cause);
  }
}
