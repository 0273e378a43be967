package io.siteform.cli;

import io.siteform.engine.operation.PlanOperation;
import io.siteform.engine.operation.PlanRequest;
import io.siteform.engine.operation.Planned;
import io.siteform.engine.provider.Providers;
import io.siteform.engine.resource.Expander;
import io.siteform.engine.resource.ResourceSpec;
import io.siteform.engine.spec.BackendSpec;
import io.siteform.engine.spec.Spec;
import io.siteform.engine.spec.SpecLoader;
import io.siteform.providers.aws.AwsClients;
import io.siteform.providers.aws.AwsProviders;
import io.siteform.providers.aws.AwsRegions;
import io.siteform.providers.aws.Waits;
import io.siteform.state.LocalBackend;
import io.siteform.state.State;
import io.siteform.state.StateBackend;
import io.siteform.state.StateLock;
import java.nio.file.Path;
import java.util.List;

/**
 * What one command run works with, built on first use: the spec, the state backend, the AWS
 * clients and providers. Nothing touches the network or the disk until a command asks for it,
 * so {@code validate} and a bad spec never reach AWS or write state.
 */
final class Session implements AutoCloseable {
  private final GlobalOptions options;
  private final Terminal terminal;
  private Spec spec;
  private List<ResourceSpec> desired;
  private List<io.siteform.engine.resource.DataSpec> data;
  private AwsClients clients;
  private Providers providers;
  private Waits waits = Waits.DEFAULTS;
  private StateBackend backend;
  private volatile StateLock held;
  private Thread releaseOnExit;
  /** This run's statistics, printed at close; null unless asked for. */
  private final RunStats stats;
  private int managed;

  Session(GlobalOptions options, Terminal terminal) {
    this(options, terminal, 0L);
  }

  /** @param mainEntered when {@code main} began (epoch millis), 0 if unknown */
  Session(GlobalOptions options, Terminal terminal, long mainEntered) {
    this.options = options;
    this.terminal = terminal;
    this.stats = RunStats.wanted(options.stats, terminal.env()) ? new RunStats() : null;
    if (stats != null && mainEntered > 0) {
      // The JVM's own start time, to the millisecond: the process's start from ProcessHandle is
      // computed from the kernel's boot time in whole seconds, and was up to a second off.
      long jvm = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
      stats.jvmToMain(java.time.Duration.ofMillis(Math.max(0, mainEntered - jvm)));
      launchedAt(terminal.env().get(LAUNCHED_AT)).ifPresent(launched ->
          stats.launcherToJvm(java.time.Duration.ofMillis(Math.max(0, jvm - launched))));
    }
  }

  /**
   * Set by {@code bin/siteform} to when it began (epoch microseconds, bash's {@code
   * EPOCHREALTIME}), so {@code --stats} shows the launcher's own time (its build check, the
   * class-data sharing archive's checks) before the JVM's.
   */
  static final String LAUNCHED_AT = "SITEFORM_LAUNCHED_AT";

  /** Epoch millis from {@link #LAUNCHED_AT}'s microseconds ("1733130000.123456" or without the dot). */
  static java.util.Optional<Long> launchedAt(String value) {
    if (value == null || value.isBlank()) return java.util.Optional.empty();
    try {
      String digits = value.trim().replace(".", "").replace(",", "");
      return java.util.Optional.of(Long.parseLong(digits) / 1000);
    } catch (NumberFormatException e) {
      return java.util.Optional.empty();
    }
  }

  /** {@code base} and, with {@code --stats}, this run's statistics: the listener every operation of the run gets. */
  io.siteform.engine.event.EngineListener listener(io.siteform.engine.event.EngineListener base) {
    return stats == null ? base : io.siteform.engine.event.EngineListener.all(base, stats);
  }

  Spec spec() {
    if (spec == null) {
      long start = System.nanoTime();
      spec = new SpecLoader(AwsRegions.known()).load(options.file, options.vars, terminal.env());
      timed("spec load", start);
    }
    return spec;
  }

  private void timed(String phase, long start) {
    if (stats != null) stats.phase(phase, java.time.Duration.ofNanos(System.nanoTime() - start));
  }

  /** The spec's resources, expanded once per run (plan, digest and import all ask). */
  List<ResourceSpec> desired() {
    if (desired == null) desired = new Expander().expand(spec());
    return desired;
  }

  /** The data sources the spec reads (the hosted zone, a certificate of the user's). */
  List<io.siteform.engine.resource.DataSpec> data() {
    if (data == null) data = new Expander().data(spec());
    return data;
  }

  io.siteform.engine.provider.DataSources dataSources() {
    return new io.siteform.engine.provider.DataSources(AwsProviders.dataSources(clients(), waits));
  }

  /** The spec's state backend, one per run: a local one keeps one backup per run. */
  StateBackend backend() {
    if (backend != null) return backend;
    BackendSpec b = spec().backend();
    backend = switch (b.type()) {
      case LOCAL -> new LocalBackend(specDirectory().resolve(b.path()));
      case S3 -> new io.siteform.providers.aws.state.S3Backend(
          clients().s3(b.region().orElse(spec().primary().region())), b.bucket().orElseThrow(), b.key().orElseThrow());
    };
    if (stats != null) backend = timedWrites(backend, stats);
    return backend;
  }

  /** {@code backend}, each write timed into {@code stats} ("state write"): an apply writes once per step. */
  private static StateBackend timedWrites(StateBackend backend, RunStats stats) {
    return new StateBackend() {
      @Override
      public String location() {
        return backend.location();
      }

      @Override
      public java.util.Optional<State> read() {
        return backend.read();
      }

      @Override
      public StateLock lock(String operation) {
        return backend.lock(operation);
      }

      @Override
      public String forceUnlock(String lockId) {
        return backend.forceUnlock(lockId);
      }

      @Override
      public void write(State state) {
        long start = System.nanoTime();
        try {
          backend.write(state);
        } finally {
          stats.phase("state write", java.time.Duration.ofNanos(System.nanoTime() - start));
        }
      }
    };
  }

  /**
   * Takes the state lock for {@code operation}, says so when it took over one a dead run left,
   * and releases it however the JVM exits short of a halt: Ctrl-C at the prompt included (a
   * local lock dies with the process anyway; an S3 lock would not).
   */
  StateLock lock(StateBackend backend, String operation) {
    StateLock lock = backend.lock(operation);
    lock.notice().ifPresent(n -> {
      terminal.err().println("Warning: " + backend.location() + ": " + n);
      terminal.err().flush();
    });
    held = lock;
    releaseOnExit = new Thread(this::releaseLock, "siteform-release-lock");
    try {
      Runtime.getRuntime().addShutdownHook(releaseOnExit);
    } catch (IllegalStateException exiting) {
      // Already shutting down: released below by the caller's close.
    }
    return () -> {
      Thread hook = releaseOnExit;
      try {
        if (hook != null) Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException exiting) {
        // The hook is running or ran: it releases the lock.
      }
      releaseLock();
    };
  }

  /** Releases the lock this run holds, if any; for the exits that skip try-with-resources. */
  void releaseLock() {
    StateLock lock = held;
    held = null;
    if (lock != null) lock.close();
  }

  /**
   * The state, checked to belong to this spec's site before anything reaches AWS, and claimed
   * for it: the site's name is recorded with the next write.
   */
  State readState(StateBackend backend) {
    long start = System.nanoTime();
    State read = owned(backend.read().orElse(null));
    timed("state read", start);
    managed = (int) read.resources().stream().filter(r -> !r.isCreating()).count();
    return read;
  }

  /** The state as stored, for commands that only read or edit it locally (state, show, output). */
  State readStateAsIs(StateBackend backend) {
    return backend.read().orElseGet(State::empty);
  }

  /** {@code stored} (or a new state) claimed by this spec's site, unless it is another site's. */
  State owned(State stored) {
    State state = stored != null ? stored : State.empty();
    String mine = spec().site().name();
    java.util.Optional<String> theirs = SiteOwnership.owner(state);
    if (theirs.isPresent() && !theirs.get().equals(mine) && !options.reassignState) {
      throw new io.siteform.error.StateException(backend().location(), "this state belongs to site " + theirs.get()
          + "; this spec is site " + mine + ". Nothing was changed. Give this spec its own state (backend.path in "
          + options.file + "), or, if this spec is to take over that state and every object in it, run: "
          + SiteOwnership.withReassign(options.args));
    }
    return state.withSite(mine);
  }

  /** The spec's folder: what the backend's path, content.source and a saved plan's paths are relative to. */
  Path specDirectory() {
    return io.siteform.engine.spec.ContentFolder.specFolder(options.file.toString());
  }

  Providers providers() {
    if (providers == null) providers = new Providers(AwsProviders.all(clients(), waits, terminal.clock()),
        io.siteform.providers.aws.AwsFailures::of);
    return providers;
  }

  synchronized AwsClients clients() {
    if (clients == null) {
      clients = new AwsClients(options.endpoint(terminal.env()), java.util.Optional.ofNullable(options.profile));
    }
    return clients;
  }

  /**
   * Builds, on a background thread, the SDK clients this spec's refresh will use, and resolves the
   * credentials, while this thread reads the state and prepares the plan (issue 14.3): the SDK's
   * first client of a kind loads and initialises a few thousand classes (its endpoint rules, the
   * HTTP pool and its TLS context, the service's models), which was a third of a second of a
   * re-publish's critical path before the first request left. Sends nothing: only what the run
   * would build anyway is built, a little sooner. A failure here is left to the run itself, which
   * meets it again where it is reported properly.
   */
  void warmUp() {
    Spec s = spec();
    Thread t = new Thread(() -> {
      try {
        AwsClients c = clients();
        c.requireCredentials();
        java.util.LinkedHashSet<String> regions = new java.util.LinkedHashSet<>();
        regions.add(s.primary().region());
        s.replicas().forEach(r -> regions.add(r.region()));
        for (String region : regions) c.s3(region);
        c.cloudFront();
        c.iam();
        if (s.domain().isPresent()) {
          c.acm();
          c.route53();
        }
        // HTTP dates (Last-Modified of every HeadObject): the first parse builds the month and day
        // names from the locale data, about 140 ms of CPU, which a publish's parallel HeadObject
        // calls each paid at once before one of them had cached it.
        software.amazon.awssdk.utils.DateUtils.parseRfc822Date("Tue, 01 Dec 2026 00:00:00 GMT");
      } catch (RuntimeException | LinkageError ignored) {
        // The run builds what it needs itself and reports what fails there.
      }
    }, "siteform-warm-up");
    t.setDaemon(true);
    t.start();
  }

  /** How long providers wait for AWS (distribution deployed, certificate issued). */
  void waitTimeout(java.time.Duration timeout) {
    waits = new Waits(timeout, Waits.DEFAULTS.pollInterval());
  }

  /** The engine's plan for {@code request}, against this run's providers and data sources. */
  Planned plan(PlanRequest request, io.siteform.engine.event.EngineListener listener) {
    return new PlanOperation(providers(), dataSources(), request, listener).call();
  }

  @Override
  public void close() {
    try {
      releaseLock();
      if (clients != null && !clients.built().isEmpty()) StartupArchive.reachedAws();
      if (clients != null) clients.close();
    } finally {
      if (stats != null) stats.print(terminal.err(), clients == null ? java.util.Map.of() : clients.requests(), managed);
    }
  }
}
