package io.siteform.engine.spec;

import io.siteform.error.SpecException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code content.source} on disk: resolved against the spec's folder, and checked by {@code
 * validate}, which reads no network but may read the disk, so a folder that is not there is named
 * at the line and column where the spec names it, before any plan would publish nothing.
 */
public final class ContentFolder {
  private ContentFolder() {}

  /** The folder the site is published from, if the spec has {@code content:}. */
  public static Optional<Path> of(Spec spec) {
    return spec.content().map(c -> specFolder(spec.file()).resolve(c.source()).normalize());
  }

  /** The folder of the spec file {@code specFile}, absolute: what the spec's paths are relative to. */
  public static Path specFolder(String specFile) {
    Path parent = Path.of(specFile).toAbsolutePath().normalize().getParent();
    return parent != null ? parent : Path.of(specFile).toAbsolutePath().getRoot();
  }

  /** Fails with the location of {@code content.source} if it names no folder. */
  public static void requireFolder(Spec spec) {
    Optional<Path> folder = of(spec);
    if (folder.isEmpty() || Files.isDirectory(folder.get())) return;
    String source = spec.content().orElseThrow().source();
    String what = Files.exists(folder.get()) ? " is not a folder" : " does not exist";
    throw new SpecException(List.of(spec.locations().at("content.source", "content.source: " + source + what
        + " (" + folder.get() + "): build the site first (for example `npm run build`) or write the folder it builds to")));
  }
}
