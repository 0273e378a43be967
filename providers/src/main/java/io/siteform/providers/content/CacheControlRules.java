package io.siteform.providers.content;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.PatternSyntaxException;

/**
 * {@code content.cache_control}: globs over a file's path relative to the source folder, in the
 * spec's order; the first that matches gives the file's Cache-Control. Globs have {@link
 * java.nio.file.FileSystem#getPathMatcher} semantics: {@code *} stays within a folder, {@code **}
 * crosses folders, so {@code *.html} matches only files at the top.
 */
final class CacheControlRules {
  private record Rule(String glob, PathMatcher matcher, String value) {}

  private final List<Rule> rules;

  private CacheControlRules(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /**
   * Rules from the query's {@code cache_control} list of {@code {glob, value}} maps.
   *
   * @throws IllegalArgumentException naming the glob or entry that is not usable
   */
  static CacheControlRules parse(Object spec) {
    List<Rule> out = new ArrayList<>();
    if (spec == null) return new CacheControlRules(out);
    if (!(spec instanceof List<?> list)) throw new IllegalArgumentException("cache_control must be a list, not " + spec);
    for (Object o : list) {
      if (!(o instanceof Map<?, ?> m) || !(m.get("glob") instanceof String glob) || !(m.get("value") instanceof String value)) {
        throw new IllegalArgumentException("each cache_control rule needs a glob and a value, not " + o);
      }
      try {
        out.add(new Rule(glob, FileSystems.getDefault().getPathMatcher("glob:" + glob), value));
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "cache_control glob \"" + glob + "\" is not a valid glob (" + e.getDescription() + ")", e);
      }
    }
    return new CacheControlRules(out);
  }

  /** The value of the first rule matching {@code relativePath} (forward slashes), or "" if none does. */
  String valueFor(String relativePath) {
    Path p = Path.of(relativePath);
    for (Rule r : rules) {
      if (r.matcher().matches(p)) return r.value();
    }
    return "";
  }
}
