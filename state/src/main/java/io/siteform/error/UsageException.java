package io.siteform.error;

/** An option, argument or environment variable given on the command line is wrong; says what to write instead. */
public final class UsageException extends SiteformException {
  public UsageException(String message) {
    super(message, null);
  }
}
