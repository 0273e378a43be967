package io.siteform.engine.operation;

import io.siteform.engine.event.EngineListener;
import io.siteform.engine.plan.Drift;
import io.siteform.engine.plan.Refresher;
import io.siteform.engine.provider.Providers;
import io.siteform.state.State;
import java.util.List;

/**
 * What changed outside siteform since the last apply ({@code siteform drift}): a refresh of the
 * recorded state, compared with it. Reads AWS, writes nothing.
 */
public final class DriftOperation {
  private final Providers providers;
  private final State recorded;
  private final int parallelism;
  private final EngineListener listener;

  public DriftOperation(Providers providers, State recorded, int parallelism, EngineListener listener) {
    if (parallelism < 1) throw new IllegalArgumentException("parallelism must be at least 1");
    this.providers = providers;
    this.recorded = recorded;
    this.parallelism = parallelism;
    this.listener = listener;
  }

  /** The drift found, by address; empty when AWS matches state. */
  public record Drifted(List<Drift> drift) {
    public Drifted {
      drift = List.copyOf(drift);
    }

    public boolean any() {
      return !drift.isEmpty();
    }
  }

  public Drifted call() {
    return new Drifted(new Refresher(providers, parallelism, listener).refresh(recorded).drift());
  }
}
