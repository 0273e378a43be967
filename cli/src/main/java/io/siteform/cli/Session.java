package io.siteform.cli;

import io.siteform.engine.plan.Planner;
import io.siteform.engine.plan.Refresher;
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

  Session(GlobalOptions options, Terminal terminal) {
    this.options = options;
    this.terminal = terminal;
  }

  Spec spec() {
    if (spec == null) {
      spec = new SpecLoader(AwsRegions.known()).load(options.file, options.vars, terminal.env());
    }
    return spec;
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

  StateBackend backend() {
    BackendSpec b = spec().backend();
    return switch (b.type()) {
      case LOCAL -> new LocalBackend(specDirectory().resolve(b.path()));
      case S3 -> new io.siteform.providers.aws.state.S3Backend(
          clients().s3(b.region().orElse(spec().primary().region())), b.bucket().orElseThrow(), b.key().orElseThrow());
    };
  }

  State readState(StateBackend backend) {
    return backend.read().orElseGet(State::empty);
  }

  Path specDirectory() {
    Path parent = options.file.toAbsolutePath().getParent();
    return parent != null ? parent : Path.of(".").toAbsolutePath();
  }

  Providers providers() {
    if (providers == null) providers = new Providers(AwsProviders.all(clients(), waits));
    return providers;
  }

  AwsClients clients() {
    if (clients == null) {
      clients = new AwsClients(options.endpoint(terminal.env()), java.util.Optional.ofNullable(options.profile));
    }
    return clients;
  }

  /** How long providers wait for AWS (distribution deployed, certificate issued). */
  void waitTimeout(java.time.Duration timeout) {
    waits = new Waits(timeout, Waits.DEFAULTS.pollInterval());
  }

  Planner planner() {
    return new Planner(type -> providers().schema(type));
  }

  Refresher refresher(int parallelism, io.siteform.engine.event.EngineListener listener) {
    return new Refresher(providers(), parallelism, listener);
  }

  @Override
  public void close() {
    if (clients != null) clients.close();
  }
}
