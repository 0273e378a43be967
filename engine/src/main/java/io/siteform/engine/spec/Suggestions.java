package io.siteform.engine.spec;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * "did you mean" hints. A suggestion is only made when it is close, because a far-fetched guess
 * misleads more than the plain list of allowed values.
 */
final class Suggestions {
  private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();

  private Suggestions() {}

  static Optional<String> nearest(String written, Collection<String> allowed) {
    String w = written.toLowerCase(java.util.Locale.ROOT);
    return allowed.stream()
        .filter(a -> DISTANCE.apply(w, a.toLowerCase(java.util.Locale.ROOT)) <= threshold(a))
        .min(Comparator.comparingInt((String a) -> DISTANCE.apply(w, a.toLowerCase(java.util.Locale.ROOT)))
            .thenComparing(Comparator.naturalOrder()));
  }

  /** "; did you mean 'x'?" or "; allowed: a, b, c". */
  static String hint(String written, Collection<String> allowed) {
    return nearest(written, allowed)
        .map(s -> "; did you mean '" + s + "'?")
        .orElseGet(() -> "; allowed: " + String.join(", ", allowed));
  }

  private static int threshold(String candidate) {
    // two edits catch a swap ("bucekt") and a typo; short words need fewer to stay meaningful
    return candidate.length() <= 4 ? 1 : candidate.length() <= 10 ? 2 : 3;
  }
}
