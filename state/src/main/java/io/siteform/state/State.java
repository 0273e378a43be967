package io.siteform.state;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The state document. {@code serial} grows by one with every write that changes it; {@code
 * lineage} is fixed when the state is first created, so a plan or backup from another site's state
 * is never mistaken for this one's. {@code site} is the name of the site it belongs to, so a spec
 * is never applied to another site's state; it is empty only in a state that no spec has claimed
 * yet (a new one, or one written by a siteform that did not record it). Resources are kept sorted
 * by address.
 */
public record State(int version, long serial, String lineage, Optional<String> site, List<ResourceState> resources,
    List<Release> releases) {
  /**
   * 2 added the site's name and creates in flight ({@code status: creating}); 3 added the site's
   * releases. A siteform that reads only 2 would drop them on its next write, so 3 is a new format:
   * such a siteform refuses it instead, and this one reads 1 and 2 as states without releases.
   * 4 writes each release after the oldest as what differs from the one before it ({@link
   * StateCodec}), which 3 cannot read; this one reads 3's full releases as they are.
   */
  public static final int FORMAT_VERSION = 4;

  public State {
    Objects.requireNonNull(lineage, "lineage");
    Objects.requireNonNull(site, "site");
    site = site.filter(s -> !s.isEmpty());
    List<ResourceState> sorted = new ArrayList<>(resources);
    sorted.sort(Comparator.comparing(ResourceState::address));
    resources = List.copyOf(sorted);
    List<Release> byNumber = new ArrayList<>(releases);
    byNumber.sort(Comparator.comparingLong(Release::number));
    releases = List.copyOf(byNumber);
  }

  /** A state without releases. */
  public State(int version, long serial, String lineage, Optional<String> site, List<ResourceState> resources) {
    this(version, serial, lineage, site, resources, List.of());
  }

  /** A state no site has claimed yet. */
  public State(int version, long serial, String lineage, List<ResourceState> resources) {
    this(version, serial, lineage, Optional.empty(), resources);
  }

  public static State empty() {
    return new State(FORMAT_VERSION, 0, UUID.randomUUID().toString(), List.of());
  }

  public Optional<ResourceState> find(String address) {
    return resources.stream().filter(r -> r.address().equals(address)).findFirst();
  }

  /** A copy with {@code resource} added or replacing the one at its address; serial unchanged. */
  public State with(ResourceState resource) {
    List<ResourceState> next = new ArrayList<>(resources.size() + 1);
    for (ResourceState r : resources) if (!r.address().equals(resource.address())) next.add(r);
    next.add(resource);
    return new State(version, serial, lineage, site, next, releases);
  }

  /** A copy without the resource at {@code address}; serial unchanged. */
  public State without(String address) {
    List<ResourceState> next = new ArrayList<>(resources);
    next.removeIf(r -> r.address().equals(address));
    return new State(version, serial, lineage, site, next, releases);
  }

  public State withSerial(long newSerial) {
    return new State(version, newSerial, lineage, site, resources, releases);
  }

  /** A copy belonging to site {@code name}; serial unchanged. */
  public State withSite(String name) {
    return new State(version, serial, lineage, Optional.of(name), resources, releases);
  }

  /** A copy with these releases (oldest first); serial unchanged. */
  public State withReleases(List<Release> next) {
    return new State(version, serial, lineage, site, resources, next);
  }

  /** The release {@code number}, if state still holds it. */
  public Optional<Release> release(long number) {
    return releases.stream().filter(r -> r.number() == number).findFirst();
  }

  /** The latest release, the one the primary bucket serves if nothing changed it since. */
  public Optional<Release> latestRelease() {
    return releases.isEmpty() ? Optional.empty() : Optional.of(releases.get(releases.size() - 1));
  }
}
