package io.siteform.engine.spec;

import io.siteform.error.Diagnostic;
import io.siteform.error.SpecException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Loads {@code siteform.yaml} into a validated {@link Spec}, or throws one {@link SpecException}
 * carrying every problem found, sorted by place. No other exception escapes, whatever the input:
 * the CLI prints the diagnostics and exits 1 without a stack trace.
 */
public final class SpecLoader {
  private final Regions regions;

  /** @param knownRegions the AWS region codes a spec may name (the CLI takes them from the SDK) */
  public SpecLoader(Set<String> knownRegions) {
    this.regions = new Regions(knownRegions);
  }

  /** Reads {@code file} as UTF-8; the file's path as given names it in messages. */
  public Spec load(Path file, Map<String, String> cliVars, Map<String, String> env) {
    String name = file.toString();
    String text;
    try {
      if (Files.isRegularFile(file) && Files.size(file) > 4L * SafeYaml.MAX_CODE_POINTS) {
        throw fail(name, "the file is larger than 1 MiB; a siteform spec is a few dozen lines");
      }
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw fail(name, "no such file; create it (see examples/) or point to it with -f PATH");
    } catch (CharacterCodingException e) {
      throw fail(name, "the file is not UTF-8 text; save it as UTF-8");
    } catch (IOException e) {
      throw fail(name, "cannot read the file: " + e.getMessage());
    }
    return parse(name, text, cliVars, env);
  }

  /** Parses {@code text}; {@code fileName} is used in messages exactly as given. */
  public Spec parse(String fileName, String text, Map<String, String> cliVars, Map<String, String> env) {
    Problems problems = new Problems(fileName);
    Node root = SafeYaml.compose(text, problems);
    if (root == null && !problems.any()) {
      problems.atStart("the file is empty; a spec starts with `version: 1`, then `site:`,"
          + " `primary:` and `replicas:` (see examples/)");
    }
    Spec spec = null;
    if (root != null) {
      try {
        spec = new SpecReader(regions).read(problems, root, Map.copyOf(cliVars), Map.copyOf(env));
      } catch (RuntimeException e) {
        // a bug in a reader must still reach the user as a diagnostic, not a stack trace
        problems.atStart("internal error while reading the spec (" + e + "); please report it");
      }
    }
    if (problems.any() || spec == null) {
      if (!problems.any()) problems.atStart("the spec could not be read");
      throw new SpecException(problems.sorted());
    }
    return spec;
  }

  private static SpecException fail(String file, String message) {
    return new SpecException(List.of(new Diagnostic(file, 1, 1, message)));
  }
}
