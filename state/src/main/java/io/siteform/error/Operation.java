package io.siteform.error;

import java.util.Locale;

/**
 * One call siteform makes to a provider for a resource: what an apply step runs, what the engine's
 * events report and what a {@link ProviderException} names. An apply runs only {@link #CREATE},
 * {@link #UPDATE} and {@link #DELETE}; refresh reads and {@code siteform import} imports. It lives in
 * the bottom module because the error that names it does.
 */
public enum Operation {
  CREATE("Creating", "Creation"),
  UPDATE("Modifying", "Modifications"),
  DELETE("Destroying", "Destruction"),
  READ("Reading", "Read"),
  IMPORT("Importing", "Import");

  private final String word;
  private final String progressive;
  private final String noun;

  Operation(String progressive, String noun) {
    this.word = name().toLowerCase(Locale.ROOT);
    this.progressive = progressive;
    this.noun = noun;
  }

  /** "create", for "s3_bucket.primary: create: AccessDenied ...". */
  public String word() {
    return word;
  }

  /** "Creating", for "s3_bucket.primary: Creating...". */
  public String progressive() {
    return progressive;
  }

  /** "Creation", for "Creation complete after 2s". */
  public String noun() {
    return noun;
  }

  /** Whether an apply runs this call: a step of the apply graph. */
  public boolean applies() {
    return this == CREATE || this == UPDATE || this == DELETE;
  }
}
