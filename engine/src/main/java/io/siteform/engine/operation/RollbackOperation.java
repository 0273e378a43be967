package io.siteform.engine.operation;

import io.siteform.engine.event.EngineListener;
import io.siteform.engine.provider.DataRequest;
import io.siteform.engine.provider.DataSource;
import io.siteform.engine.provider.DataSources;
import io.siteform.engine.provider.LiveResource;
import io.siteform.engine.provider.Providers;
import io.siteform.engine.resource.Address;
import io.siteform.engine.resource.ContentDigests;
import io.siteform.engine.resource.ResourceSpec;
import io.siteform.error.PlanException;
import io.siteform.state.Release;
import io.siteform.state.State;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Plans putting the primary bucket back to one release's exact object versions: the spec's
 * content, with the site's files taken from the release instead of the local folder, and each
 * key to copy from the version id it was published as ({@code restore}), so apply copies inside
 * the bucket and uploads nothing. The plan is an ordinary one, narrowed to the content: pages
 * after assets, the invalidation of exactly the keys that change, then the deletes of keys the
 * release did not have (after {@code content.keep_removed}, like any publish). Applied, it is a
 * release of its own ({@link #release()} says which one it puts back).
 */
public final class RollbackOperation {
  static final Address CONTENT = new Address("site_content", "site");
  static final Set<Address> CONTENT_RESOURCES = Set.of(CONTENT, new Address("cloudfront_invalidation", "site"),
      new Address("site_content_removal", "site"));

  private final Providers providers;
  private final DataSources dataSources;
  private final PlanRequest request;
  private final EngineListener listener;
  private final Release release;

  /**
   * @param request the spec's plan request (its targets are replaced by the content's)
   * @param number the release to put back; empty for the one before the latest
   */
  public RollbackOperation(Providers providers, DataSources dataSources, PlanRequest request, Optional<Long> number,
      EngineListener listener) {
    this.providers = providers;
    this.dataSources = dataSources;
    this.request = request;
    this.listener = listener;
    this.release = choose(request.recorded(), number);
  }

  /** The release this rollback puts back. */
  public Release release() {
    return release;
  }

  static Release choose(State state, Optional<Long> number) {
    List<Release> all = state.releases();
    if (all.isEmpty()) {
      throw new PlanException("there is no release to roll back to: state records none yet (`siteform apply` publishes one)");
    }
    if (number.isPresent()) {
      return state.release(number.get()).orElseThrow(() -> new PlanException("release " + number.get()
          + " is not in state; `siteform releases` lists the " + all.size() + " kept (content.keep_releases)"));
    }
    if (all.size() < 2) {
      throw new PlanException("there is only one release (" + all.get(0).number() + "), the one the site serves;"
          + " nothing earlier to roll back to");
    }
    return all.get(all.size() - 2);
  }

  public Planned call() {
    if (request.desired().stream().noneMatch(r -> r.address().equals(CONTENT))) {
      throw new PlanException("the spec has no content: section, so there is nothing to roll back");
    }
    List<ResourceSpec> desired = new ArrayList<>();
    Map<String, Object> restore = new TreeMap<>();
    release.files().forEach((k, f) -> restore.put(k, f.versionId()));
    for (ResourceSpec r : request.desired()) {
      if (!r.address().equals(CONTENT)) {
        desired.add(r);
        continue;
      }
      Map<String, Object> attrs = new LinkedHashMap<>(r.attributes());
      attrs.put("restore", restore);
      desired.add(new ResourceSpec(r.address(), r.region(), attrs, r.dependsOn(), r.replacedWith()));
    }
    PlanRequest narrowed = new PlanRequest(desired, request.data(), request.recorded(), false, false,
        request.parallelism(), CONTENT_RESOURCES);
    return new PlanOperation(providers, dataSources.with(new ReleaseFiles(release)), narrowed, listener).call();
  }

  /** The {@code local_files} data source answered from a release instead of the disk. */
  private record ReleaseFiles(Release release) implements DataSource {
    @Override
    public String type() {
      return "local_files";
    }

    @Override
    public boolean local() {
      return true;
    }

    @Override
    public LiveResource read(DataRequest request) {
      Map<String, Object> files = new TreeMap<>();
      Map<String, Object> digests = new TreeMap<>();
      release.files().forEach((k, f) -> {
        files.put(k, Map.of("md5", f.md5(), "size", f.size(), "content_type", f.contentType(),
            "cache_control", f.cacheControl()));
        digests.put(k, ContentDigests.file(f.md5(), f.contentType(), f.cacheControl()));
      });
      return new LiveResource("release " + release.number(), Map.of("files", files, "digests", digests,
          "paths", List.copyOf(files.keySet())));
    }
  }
}
