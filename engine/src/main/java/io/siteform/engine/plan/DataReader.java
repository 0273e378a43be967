package io.siteform.engine.plan;

import io.siteform.engine.provider.DataRequest;
import io.siteform.engine.provider.DataSources;
import io.siteform.engine.provider.LiveResource;
import io.siteform.engine.resource.Address;
import io.siteform.engine.resource.DataSpec;
import io.siteform.engine.resource.Ref;
import io.siteform.engine.resource.ResourceSpec;
import io.siteform.error.PlanException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the data sources a spec names (before planning, never offline) and writes what they
 * found into the resources that refer to them, so a plan shows the hosted zone's real id.
 */
public final class DataReader {
  private final DataSources sources;
  private final io.siteform.engine.event.EngineListener listener;

  public DataReader(DataSources sources) {
    this(sources, io.siteform.engine.event.EngineListener.NONE);
  }

  public DataReader(DataSources sources, io.siteform.engine.event.EngineListener listener) {
    this.sources = sources;
    this.listener = listener;
  }

  /** What each data source found, by address. A failed lookup throws its provider's error. */
  public Map<Address, LiveResource> read(List<DataSpec> data) {
    return read(data, false);
  }

  /** As {@link #read(List)}; {@code offline}, only the data sources that read the local disk. */
  public Map<Address, LiveResource> read(List<DataSpec> data, boolean offline) {
    Map<Address, LiveResource> out = new TreeMap<>();
    for (DataSpec d : data) {
      var source = sources.get(d.type());
      if (offline && !source.local()) continue;
      long start = System.nanoTime();
      LiveResource found = source.read(new DataRequest(d.address(), d.region(), d.query()));
      listener.read(d.toString(), found.id(), java.time.Duration.ofNanos(System.nanoTime() - start));
      out.put(d.address(), found);
    }
    return out;
  }

  /** {@code resources} with every data reference replaced by the value {@code found}. */
  public static List<ResourceSpec> fill(List<ResourceSpec> resources, Map<Address, LiveResource> found) {
    List<ResourceSpec> out = new ArrayList<>();
    for (ResourceSpec r : resources) {
      Map<String, Object> attrs = new LinkedHashMap<>();
      r.attributes().forEach((k, v) -> attrs.put(k, fill(r.address(), v, found)));
      out.add(new ResourceSpec(r.address(), r.region(), attrs, r.dependsOn(), r.replacedWith()));
    }
    return List.copyOf(out);
  }

  private static Object fill(Address owner, Object v, Map<Address, LiveResource> found) {
    if (v instanceof Ref ref && ref.data()) {
      LiveResource live = found.get(ref.address());
      // Not read (an offline plan): stays "(known after apply)".
      if (live == null) return ref;
      Object value = live == null ? null : ref.valueIn(live.id(), live.attributes());
      if (value == null) {
        throw new PlanException(owner + " refers to " + ref + ", which the data source did not return");
      }
      return ref.render(value);
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(String.valueOf(k), fill(owner, x, found)));
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (Object x : l) out.add(fill(owner, x, found));
      return out;
    }
    return v;
  }
}
