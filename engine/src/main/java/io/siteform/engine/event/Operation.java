package io.siteform.engine.event;

/** One call the walker makes for a resource. */
public enum Operation {
  CREATE("Creating", "Creation"),
  UPDATE("Modifying", "Modifications"),
  DELETE("Destroying", "Destruction");

  private final String progressive;
  private final String noun;

  Operation(String progressive, String noun) {
    this.progressive = progressive;
    this.noun = noun;
  }

  /** "Creating", for "s3_bucket.primary: Creating...". */
  public String progressive() {
    return progressive;
  }

  /** "Creation", for "Creation complete after 2s". */
  public String noun() {
    return noun;
  }
}
