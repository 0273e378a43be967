package io.siteform.cli;

import io.siteform.engine.render.StateTextRenderer;
import io.siteform.error.PlanException;
import io.siteform.state.ResourceState;
import io.siteform.state.State;
import io.siteform.state.StateBackend;
import io.siteform.state.StateLock;
import java.io.PrintWriter;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code siteform state list|show|rm}: reading and editing state without touching AWS. */
@Command(name = "state", mixinStandardHelpOptions = true,
    description = "Read or edit state; AWS is never called.",
    subcommands = {StateCommand.List.class, StateCommand.Show.class, StateCommand.Remove.class})
final class StateCommand {
  @ParentCommand SiteformCommand root;

  private static ResourceState find(State state, String address) {
    return state.find(address).orElseThrow(() -> new PlanException(address + " is not in state; "
        + (state.resources().isEmpty() ? "the state is empty" : "`siteform state list` lists what is: "
            + state.resources().stream().map(ResourceState::address).collect(Collectors.joining(", ")))));
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Every address in state.")
  static final class List implements java.util.concurrent.Callable<Integer> {
    @ParentCommand StateCommand parent;

    @Override
    public Integer call() {
      SiteformCommand root = parent.root;
      try (Session session = root.session()) {
        PrintWriter out = root.terminal.out();
        for (ResourceState r : session.readStateAsIs(session.backend()).resources()) {
          out.println(r.address() + (r.isCreating() ? " (creating)" : ""));
        }
        out.flush();
        return ExitCode.OK;
      }
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "One recorded object's attributes.")
  static final class Show implements java.util.concurrent.Callable<Integer> {
    @ParentCommand StateCommand parent;

    @Parameters(paramLabel = "ADDR", description = "An address, e.g. s3_bucket.primary.")
    String address;

    @Override
    public Integer call() {
      SiteformCommand root = parent.root;
      try (Session session = root.session()) {
        ResourceState r = find(session.readStateAsIs(session.backend()), address);
        root.terminal.out().print(new StateTextRenderer(root.terminal.style(root.global.noColor)).render(r));
        root.terminal.out().flush();
        return ExitCode.OK;
      }
    }
  }

  @Command(name = "rm", mixinStandardHelpOptions = true,
      description = "Forget an object: siteform stops managing it; it stays in AWS.")
  static final class Remove implements java.util.concurrent.Callable<Integer> {
    @ParentCommand StateCommand parent;

    @Parameters(paramLabel = "ADDR", description = "An address, e.g. route53_record.a_www_example_com.")
    String address;

    @Override
    public Integer call() {
      SiteformCommand root = parent.root;
      try (Session session = root.session()) {
        StateBackend backend = session.backend();
        ResourceState r;
        try (StateLock lock = session.lock(backend, "state rm")) {
          State state = session.readStateAsIs(backend);
          r = find(state, address);
          backend.write(state.without(address).withSerial(state.serial() + 1));
        }
        PrintWriter out = root.terminal.out();
        if (r.isCreating()) {
          out.println("Removed " + address + " from state: a create that AWS never confirmed ("
              + r.attributes().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                  .collect(Collectors.joining(", "))
              + "). If AWS made the object, it exists unmanaged: `siteform import " + address + " ID` adopts it.");
        } else {
          out.println("Removed " + address + " (id " + r.id() + ") from state."
              + " The object still exists in AWS; siteform no longer manages it. `siteform import " + address
              + " ID` adopts it again.");
        }
        out.flush();
        return ExitCode.OK;
      }
    }
  }
}
