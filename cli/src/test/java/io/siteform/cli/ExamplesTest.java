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

  /**
   * Every job that installs siteform first restores the jar, the stamp bin/siteform's build leaves
   * beside it and the archive's folder, which SITEFORM_CACHE_DIR names: a job that builds the jar
   * again takes about 21 s more, one that names another folder writes an archive no job keeps.
   */
  @Test
  @SuppressWarnings("unchecked")
  void everyJobThatInstallsSiteformRestoresItsBuildFromTheCache() throws IOException {
    Path workflow = root().resolve("examples/github-actions/.github/workflows/siteform.yml");
    var doc = (java.util.Map<String, Object>) new Yaml().load(Files.readString(workflow));
    String cacheDir = String.valueOf(((java.util.Map<String, Object>) doc.get("env")).get("SITEFORM_CACHE_DIR"));
    assertThat(cacheDir).isEqualTo("${{ github.workspace }}/.siteform-cache");
    assertThat(Files.readString(root().resolve("bin/siteform"))).contains("stamp=\"$jar.sources\"");
    var jobs = (java.util.Map<String, java.util.Map<String, Object>>) doc.get("jobs");
    int installs = 0;
    for (var job : jobs.entrySet()) {
      var steps = (List<java.util.Map<String, Object>>) job.getValue().get("steps");
      int install = -1;
      int cache = -1;
      for (int i = 0; i < steps.size(); i++) {
        if (String.valueOf(steps.get(i).get("run")).contains(".siteform/bin/siteform --version")) install = i;
        if (String.valueOf(steps.get(i).get("uses")).startsWith("actions/cache@")
            && "siteform-build".equals(steps.get(i).get("id"))) {
          cache = i;
        }
      }
      if (install < 0) continue;
      installs++;
      assertThat(steps).as("job %s: the JDK step the key names", job.getKey())
          .anyMatch(st -> String.valueOf(st.get("uses")).startsWith("actions/setup-java@") && "java".equals(st.get("id")));
      // setup-java's own dependency cache fails the step when the checked-out repository has no
      // pom.xml ("No file in ... matched to [**/pom.xml]"): the site's repository has none.
      for (var st : steps) {
        if (String.valueOf(st.get("uses")).startsWith("actions/setup-java@")) {
          assertThat((java.util.Map<String, Object>) st.get("with")).as("job %s: setup-java", job.getKey())
              .doesNotContainKey("cache");
        }
      }
      // Maven's downloads are restored only when the jar is to be built.
      assertThat(steps).as("job %s", job.getKey()).anyMatch(st -> String.valueOf(st.get("uses")).startsWith("actions/cache@")
          && String.valueOf(((java.util.Map<String, Object>) st.get("with")).get("path")).contains(".m2/repository")
          && "steps.siteform-build.outputs.cache-hit != 'true'".equals(st.get("if")));
      assertThat(cache).as("job %s restores the cache before installing", job.getKey()).isBetween(0, install - 1);
      var with = (java.util.Map<String, Object>) steps.get(cache).get("with");
      assertThat(String.valueOf(with.get("path")).lines().map(String::trim).toList()).as("job %s", job.getKey())
          .containsExactlyInAnyOrder(".siteform/cli/target/siteform.jar", ".siteform/cli/target/siteform.jar.sources",
              ".siteform-cache");
      assertThat(String.valueOf(with.get("key"))).contains("${{ steps.java.outputs.version }}", "${{ vars.SITEFORM_REF }}");
    }
    assertThat(installs).isEqualTo(jobs.size());
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
