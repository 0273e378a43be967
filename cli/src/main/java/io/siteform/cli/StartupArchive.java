package io.siteform.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which run's class-data sharing archive {@code bin/siteform} keeps (issue 14.3). A run without an
 * archive writes one as it exits, and {@code bin/siteform} names it in {@value #PART}; the next
 * run keeps it only beside the mark ({@code <archive>.full}) this class leaves when the run built
 * an SDK client. An archive of {@code --version} or {@code validate} holds about a tenth of the
 * classes of a plan (3 MB against 50 MB), and kept, it would stand in for the full one for as long
 * as the jar stays the same: every plan after it started about 0.5 s slower.
 */
final class StartupArchive {
  /** The system property {@code bin/siteform} names this run's archive in, when it writes one. */
  static final String PART = "siteform.cds.part";

  private StartupArchive() {}

  /**
   * Marks this run's archive as one to keep: the run built an SDK client, so its archive holds
   * what a run that reaches AWS loads. Called as the command's session closes; the JVM writes the
   * archive after it, as it exits. A mark that cannot be written costs only the archive: the next
   * run without one writes another.
   */
  static void reachedAws() {
    String part = System.getProperty(PART);
    if (part == null || part.isBlank()) return;
    try {
      Files.newOutputStream(Path.of(part + ".full")).close();
    } catch (IOException | RuntimeException e) {
      // No mark, no archive kept: the run itself is not affected.
    }
  }
}
