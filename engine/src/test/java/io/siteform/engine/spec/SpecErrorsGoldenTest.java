package io.siteform.engine.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.siteform.error.Diagnostic;
import io.siteform.error.SpecException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One folder per kind of spec error: {@code siteform.yaml} and the diagnostics it must produce.
 * Run with {@code -Dgolden.update=true} to rewrite {@code expected.txt}, then review the diff.
 */
class SpecErrorsGoldenTest {
  private static final boolean UPDATE = Boolean.getBoolean("golden.update");

  static Stream<String> cases() throws IOException, URISyntaxException {
    try (Stream<Path> dirs = Files.list(root())) {
      return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsExactlyTheExpectedDiagnostics(String name) throws Exception {
    Path dir = root().resolve(name);
    String text = Files.readString(dir.resolve("siteform.yaml"), StandardCharsets.UTF_8);
    Map<String, String> vars = properties(dir.resolve("vars.properties"));
    Map<String, String> env = properties(dir.resolve("env.properties"));
    SpecException e = catchThrowableOfType(SpecException.class,
        () -> TestRegions.loader().parse("siteform.yaml", text, vars, env));
    assertThat(e).as("spec %s must fail", name).isNotNull();
    String actual = e.diagnostics().stream().map(Diagnostic::toString)
        .collect(Collectors.joining("\n", "", "\n"));
    Path expected = sourceDir().resolve(name).resolve("expected.txt");
    if (UPDATE) {
      Files.writeString(expected, actual, StandardCharsets.UTF_8);
    } else {
      assertThat(actual).isEqualTo(Files.readString(dir.resolve("expected.txt"), StandardCharsets.UTF_8));
    }
  }

  /** Optional --var values ({@code vars.properties}) or environment ({@code env.properties}). */
  private static Map<String, String> properties(Path file) throws IOException {
    if (!Files.exists(file)) return Map.of();
    Properties p = new Properties();
    try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    }
    Map<String, String> out = new TreeMap<>();
    p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
    return out;
  }

  private static Path root() throws URISyntaxException {
    return Path.of(SpecErrorsGoldenTest.class.getResource("/golden/spec-errors").toURI());
  }

  /** expected.txt is rewritten in the sources, not in target/, so the change shows in git. */
  private static Path sourceDir() {
    return Path.of(System.getProperty("user.dir"), "src/test/resources/golden/spec-errors");
  }
}
