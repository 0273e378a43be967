package io.siteform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The examples people copy: every spec under examples/ validates and plans offline as it
 * stands, and every siteform command the GitHub Actions workflow runs is one the CLI accepts.
 */
class ExamplesTest {
  @TempDir Path dir;

  static Stream<String> examples() throws IOException {
    try (Stream<Path> s = Files.list(root().resolve("examples"))) {
      return s.filter(p -> Files.isRegularFile(p.resolve("siteform.yaml")))
          .map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyExampleValidatesAndPlansOffline(String name) throws IOException {
    Path copy = dir.resolve(name);
    copyTree(root().resolve("examples").resolve(name), copy);
    CliRunner cli = new CliRunner();
    String spec = copy.resolve("siteform.yaml").toString();

    var valid = cli.run("-f", spec, "validate");
    assertThat(valid.exit()).as(valid.err()).isZero();

    var plan = cli.run("-f", spec, "plan", "--offline");
    assertThat(plan.exit()).as(plan.err()).isZero();
    assertThat(plan.out()).contains("Plan: ").contains(" to add, 0 to change, 0 to destroy.");
    assertThat(Files.isRegularFile(copy.resolve(".gitignore"))).as("examples/%s/.gitignore", name).isTrue();
  }

  @Test
  void theExamplesCoverWhatTheIssueAsksFor() throws IOException {
    assertThat(examples().toList()).contains("workshop", "no-domain", "spa");
    String spa = Files.readString(root().resolve("examples/spa/siteform.yaml"));
    assertThat(spa).contains("routing: spa");
    assertThat(Files.readString(root().resolve("examples/no-domain/siteform.yaml"))).doesNotContain("domain:");
  }

  @Test
  void everySiteformCommandOfTheWorkflowParses() throws IOException {
    Path workflow = root().resolve("examples/github-actions/.github/workflows/siteform.yml");
    Object doc = new Yaml().load(Files.readString(workflow));
    assertThat(doc).as("the workflow is YAML").isInstanceOf(java.util.Map.class);
    List<String[]> commands = siteformCommands(Files.readString(workflow));
    assertThat(commands).extracting(c -> c[0])
        .contains("plan", "apply", "drift", "verify", "output");
    for (String[] c : commands) {
      String[] withHelp = Arrays.copyOf(c, c.length + 1);
      withHelp[c.length] = "--help";
      var r = new CliRunner().run(withHelp);
      assertThat(r.exit()).as("siteform %s: %s", String.join(" ", c), r.err()).isZero();
    }
  }

  /** The words after {@code siteform} on each line that runs it, up to a redirection or comment. */
  static List<String[]> siteformCommands(String workflow) {
    List<String[]> out = new ArrayList<>();
    Matcher m = Pattern.compile("(?m)^[^#\\n]*?(?:run: |^\\s+)siteform ([^>#|\\n]*)").matcher(workflow);
    while (m.find()) out.add(m.group(1).trim().split("\\s+"));
    return out;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(t);
        else Files.copy(p, t);
      }
    }
  }

  static Path root() {
    String root = System.getProperty("siteform.root");
    if (root != null && !root.isBlank() && Files.isDirectory(Path.of(root, "examples"))) return Path.of(root);
    for (Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("examples"))) return p;
    }
    throw new IllegalStateException("no examples/ folder above " + System.getProperty("user.dir"));
  }
}
