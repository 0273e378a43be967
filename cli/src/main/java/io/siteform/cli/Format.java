package io.siteform.cli;

/** How {@code plan} and {@code drift} print their result: {@code --format text|json|markdown}. */
enum Format {
  TEXT, JSON, MARKDOWN;

  /** Completion offers the values as they are written (and accepted): in lower case. */
  static final class Candidates extends java.util.ArrayList<String> {
    Candidates() {
      super(java.util.List.of("text", "json", "markdown"));
    }
  }
}
