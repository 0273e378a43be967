package io.siteform.error;

/** The state could not be read, written or locked; names where it lives. */
public final class StateException extends SiteformException {
  private final String location;

  public StateException(String location, String message, Throwable cause) {
    super(location + ": " + message, cause);
    this.location = location;
  }

  public StateException(String location, String message) {
    this(location, message, null);
  }

  public String location() {
    return location;
  }
}
