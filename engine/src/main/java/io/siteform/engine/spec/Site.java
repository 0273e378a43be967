package io.siteform.engine.spec;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** {@code site:} the name everything derives from, and tags for every taggable resource. */
public record Site(String name, Map<String, String> tags) {
  public Site {
    Objects.requireNonNull(name, "name");
    tags = Map.copyOf(new TreeMap<>(tags));
  }
}
