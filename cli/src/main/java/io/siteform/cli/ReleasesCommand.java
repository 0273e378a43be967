package io.siteform.cli;

import io.siteform.engine.apply.ReleaseBook;
import io.siteform.state.Release;
import io.siteform.state.State;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code siteform releases}: the publishes state keeps for rollback, newest first; AWS is not called. */
@Command(name = "releases", mixinStandardHelpOptions = true,
    description = "List the site's releases (publishes kept for `siteform rollback`), newest first.")
final class ReleasesCommand implements Callable<Integer> {
  @ParentCommand SiteformCommand root;

  @Override
  public Integer call() {
    try (Session session = root.session()) {
      State state = session.readStateAsIs(session.backend());
      PrintWriter out = root.terminal.out();
      out.print(render(state));
      out.flush();
      return ExitCode.OK;
    }
  }

  /** The table: number, time, files, changed, digest, and what it was; the one the site serves marked current. */
  static String render(State state) {
    if (state.releases().isEmpty()) return "No releases yet: `siteform apply` publishes the site's content as release 1.\n";
    var content = state.find(io.siteform.engine.resource.Expander.CONTENT.toString()).map(r -> ReleaseBook.files(r.attributes())).orElse(java.util.Map.of());
    List<Release> newestFirst = new ArrayList<>(state.releases());
    java.util.Collections.reverse(newestFirst);
    StringBuilder b = new StringBuilder(String.format("%-8s %-21s %6s %8s  %-24s %s%n",
        "RELEASE", "TIME", "FILES", "CHANGED", "DIGEST", "NOTE"));
    for (Release r : newestFirst) {
      List<String> note = new ArrayList<>();
      if (r.files().equals(content)) note.add("current");
      if (r.rollbackOf() > 0) note.add("rollback to " + r.rollbackOf());
      b.append(String.format("%-8d %-21s %6d %8d  %-24s %s", r.number(), r.time(), r.files().size(), r.changed(),
          r.digest(), String.join(", ", note)).stripTrailing()).append('\n');
    }
    return b.toString();
  }
}
