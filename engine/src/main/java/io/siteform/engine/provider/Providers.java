package io.siteform.engine.provider;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/** The providers at hand, by type. */
public final class Providers {
  private final Map<String, Provider> byType = new TreeMap<>();

  public Providers(Collection<? extends Provider> providers) {
    for (Provider p : providers) {
      if (byType.put(p.schema().type(), p) != null) {
        throw new IllegalArgumentException("two providers for " + p.schema().type());
      }
    }
  }

  public Provider get(String type) {
    Provider p = byType.get(type);
    if (p == null) throw new IllegalArgumentException("no provider for resource type " + type);
    return p;
  }

  public boolean has(String type) {
    return byType.containsKey(type);
  }

  public ResourceSchema schema(String type) {
    return get(type).schema();
  }
}
