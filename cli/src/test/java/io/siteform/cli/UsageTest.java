package io.siteform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a Terraform user's habits expect of the command line: plain errors with the fix, help, colours. */
class UsageTest {
  @TempDir Path dir;
  private final CliRunner cli = new CliRunner();

  private String spec() throws IOException {
    Path f = dir.resolve("siteform.yaml");
    Files.writeString(f, CliTest.SPEC);
    return f.toString();
  }

  /** The commands picocli is given for {@code args}: the one named, or all. */
  private static java.util.Set<String> registered(String... args) {
    picocli.CommandLine top = new picocli.CommandLine(new SiteformCommand(new Terminal(null, null, null, true, Map.of()), 0L));
    SiteformCommand.register(top, args);
    return top.getSubcommands().keySet();
  }

  @Test
  void aRunBuildsOnlyTheCommandItNamesAfterTheTopOptionsAndTheirValues() {
    assertThat(registered("apply", "--auto-approve")).containsExactly("apply");
    assertThat(registered("-f", "plan", "--endpoint-url", "http://x", "--no-color", "apply")).containsExactly("apply");
    assertThat(registered("--file=x.yaml", "-fy.yaml", "--var", "a=b", "--stats", "drift")).containsExactly("drift");
    assertThat(registered("state", "list")).containsExactly("state");
    var all = SiteformCommand.COMMANDS.keySet().toArray(String[]::new);
    // help and completion work on every command; no command, an unknown one or "--" leave picocli to say what is wrong.
    for (String[] args : new String[][] {{}, {"--help"}, {"help", "plan"}, {"generate-completion"}, {"plann"},
        {"--", "plan"}, {"-f"}}) {
      assertThat(registered(args)).as(String.join(" ", args)).containsExactly(all);
    }
  }

  @Test
  void anUnknownCommandIsNamedWithTheNearestOnes() {
    var r = cli.run("plann");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("Error: unknown command 'plann'\n").contains("siteform plan")
        .doesNotContain("Unmatched argument", "index 0");
  }

  @Test
  void aVarWithoutNameAndValueSaysHowToWriteIt() throws IOException {
    var missing = cli.run("-f", spec(), "--var");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).contains("Error: --var needs a value: --var NAME=VALUE (for example --var owner=jane)");

    var bare = cli.run("-f", spec(), "--var", "owner", "validate");
    assertThat(bare.exit()).isEqualTo(1);
    assertThat(bare.err()).contains("Error: --var takes NAME=VALUE, not 'owner' (for example --var owner=jane)")
        .doesNotContain("option option", "KEY=VALUE format");
  }

  @Test
  void anEndpointThatIsNoUrlIsRefusedBeforeAnyCall() throws IOException {
    var r = cli.run("-f", spec(), "--endpoint-url", "ht tp://x", "plan");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("--endpoint-url must be a URL such as http://127.0.0.1:5000, not 'ht tp://x'")
        .doesNotContain("Illegal character");
  }

  @Test
  void helpAndVersionWork() {
    var help = cli.run("help");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("Usage: siteform", "Commands:", "plan", "apply");
    var planHelp = cli.run("help", "plan");
    assertThat(planHelp.exit()).isZero();
    assertThat(planHelp.out()).contains("Usage: siteform plan", "--detailed-exitcode");
    var version = cli.run("--version");
    assertThat(version.exit()).isZero();
    assertThat(version.out()).startsWith("siteform ");
  }

  @Test
  void parallelismMustBeAtLeastOne() throws IOException {
    var r = cli.run("-f", spec(), "apply", "--parallelism", "0", "--auto-approve");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("--parallelism must be at least 1");
  }

  @Test
  void completionOffersValuesInTheCaseTheCliAccepts() {
    var r = cli.run("generate-completion");
    assertThat(r.out()).contains("(\"text\" \"json\" \"markdown\")", "(\"dot\" \"svg\")").doesNotContain("\"MARKDOWN\"");
  }

  /** no-color.org: NO_COLOR counts when present and not empty; TERM=dumb cannot show colours. */
  @Test
  void coloursOnlyWhereATerminalCanShowThem() {
    Terminal base = new Terminal(null, null, null, true, Map.of());
    assertThat(base.style(false)).isNotEqualTo(io.siteform.engine.render.Style.PLAIN);
    assertThat(new Terminal(null, null, null, true, Map.of("NO_COLOR", "")).style(false))
        .isNotEqualTo(io.siteform.engine.render.Style.PLAIN);
    assertThat(new Terminal(null, null, null, true, Map.of("NO_COLOR", "1")).style(false))
        .isEqualTo(io.siteform.engine.render.Style.PLAIN);
    assertThat(new Terminal(null, null, null, true, Map.of("TERM", "dumb")).style(false))
        .isEqualTo(io.siteform.engine.render.Style.PLAIN);
    assertThat(new Terminal(null, null, null, false, Map.of()).style(false)).isEqualTo(io.siteform.engine.render.Style.PLAIN);
  }
}
