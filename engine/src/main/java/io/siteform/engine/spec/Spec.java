package io.siteform.engine.spec;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A loaded, validated spec with defaults applied. Every value is final: variables are
 * interpolated and every check docs/spec.md describes has passed.
 *
 * @param file the spec's path as the user gave it, for messages
 * @param locations where each value came from, for errors found after loading
 */
public record Spec(
    String file,
    int version,
    Site site,
    BucketSpec primary,
    List<BucketSpec> replicas,
    ReplicationSpec replication,
    Optional<ContentSpec> content,
    CdnSpec cdn,
    Optional<DomainSpec> domain,
    BackendSpec backend,
    Locations locations) {

  public Spec {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(primary, "primary");
    replicas = List.copyOf(replicas);
    if (replicas.isEmpty()) throw new IllegalArgumentException("a spec has at least one replica");
    Objects.requireNonNull(replication, "replication");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(cdn, "cdn");
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(locations, "locations");
  }

  /** The replica CloudFront fails over to. */
  public BucketSpec failoverReplica() {
    return replicas.get(0);
  }
}
