package io.siteform.engine.provider;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/** The data sources at hand, by type. */
public final class DataSources {
  private final Map<String, DataSource> byType = new TreeMap<>();

  public DataSources(Collection<? extends DataSource> sources) {
    for (DataSource s : sources) {
      if (byType.put(s.type(), s) != null) throw new IllegalArgumentException("two data sources for " + s.type());
    }
  }

  /** These data sources with {@code replacement} standing in for the one of its type. */
  public DataSources with(DataSource replacement) {
    java.util.List<DataSource> all = new java.util.ArrayList<>(byType.values());
    all.removeIf(s -> s.type().equals(replacement.type()));
    all.add(replacement);
    return new DataSources(all);
  }

  public DataSource get(String type) {
    DataSource s = byType.get(type);
    if (s == null) throw new IllegalArgumentException("no data source for type " + type);
    return s;
  }
}
