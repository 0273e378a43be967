package io.siteform.engine.operation;

import io.siteform.engine.provider.ImportRequest;
import io.siteform.engine.provider.LiveResource;
import io.siteform.engine.provider.Providers;
import io.siteform.engine.resource.Address;
import io.siteform.engine.resource.ResourceSpec;
import io.siteform.error.PlanException;
import io.siteform.state.ResourceState;
import io.siteform.state.State;
import io.siteform.state.StateBackend;
import java.util.Comparator;
import java.util.List;

/**
 * Adopts an object made outside siteform ({@code siteform import ADDR ID}) into state at an
 * address the spec expands to. AWS is only read; the next plan shows how the object differs from
 * the spec. The caller holds the state lock.
 */
public final class ImportOperation {
  private final Providers providers;
  private final StateBackend backend;
  private final State state;
  private final ResourceSpec spec;
  private final String id;

  /**
   * @param state the stored state, checked to be this site's, that {@code backend} gets back with the object
   * @param spec the spec's resource the object becomes (see {@link #resourceAt})
   * @param id the object's id in AWS
   */
  public ImportOperation(Providers providers, StateBackend backend, State state, ResourceSpec spec, String id) {
    this.providers = providers;
    this.backend = backend;
    this.state = state;
    this.spec = spec;
    this.id = id;
  }

  /** The entry written. */
  public record Imported(ResourceState resource) {}

  /**
   * The spec's resource at {@code target}, or an error naming the addresses of its type: checked
   * before any lock is taken or AWS is called.
   */
  public static ResourceSpec resourceAt(List<ResourceSpec> desired, Address target) {
    return desired.stream().filter(r -> r.address().equals(target)).findFirst()
        .orElseThrow(() -> notInSpec(target, desired));
  }

  public Imported call() {
    Address target = spec.address();
    state.find(target.toString()).filter(r -> !r.isCreating()).ifPresent(r -> {
      throw new PlanException(target + " is already in state (id " + r.id() + "); siteform manages it already");
    });
    LiveResource live = providers.get(target.type())
        .importResource(new ImportRequest(target, spec.region(), id))
        .orElseThrow(() -> new PlanException("no " + target.type() + " with id " + id + " in " + spec.region()
            + " was found; check the id (siteform plan names the one in the way)"));
    ResourceState imported = new ResourceState(target.toString(), spec.type(), spec.region(), live.id(),
        live.attributes(), spec.dependsOn().stream().map(Address::toString).sorted().toList());
    backend.write(state.with(imported).withSerial(state.serial() + 1));
    return new Imported(imported);
  }

  private static PlanException notInSpec(Address target, List<ResourceSpec> desired) {
    String near = desired.stream().map(r -> r.address().toString())
        .filter(a -> a.startsWith(target.type() + "."))
        .sorted(Comparator.naturalOrder()).reduce((a, b) -> a + ", " + b).orElse("");
    return new PlanException(target + " is not an address this spec has; " + (near.isEmpty()
        ? "`siteform plan --offline` lists them"
        : "its " + target.type() + " addresses are " + near));
  }
}
