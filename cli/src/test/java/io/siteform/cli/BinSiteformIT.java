package io.siteform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/siteform}'s class-data sharing archive (issue 14.3) never breaks a run: a cache
 * folder that cannot be made, an archive a killed run left truncated, and CDS turned off all run
 * siteform as without it; the first run writes the archive without a word on stdout, the next
 * one checks it and uses it. Needs the runnable jar, which the package phase builds before ITs.
 */
class BinSiteformIT {
  @TempDir Path dir;

  record Result(int exit, String out, String err) {}

  @Test
  void anUnwritableCacheFolderMeansNoArchiveAndTheRunGoesOn() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
    Result r = run(Map.of("SITEFORM_CACHE_DIR", file.resolve("siteform").toString()));
    assertThat(r.exit()).as(r.err()).isEqualTo(0);
    assertThat(r.out()).isEqualTo("siteform " + io.siteform.engine.render.Versions.SITEFORM + "\n");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void theFirstRunWritesTheArchiveQuietlyAndTheNextUsesIt() throws Exception {
    Path cache = dir.resolve("cache");
    Result first = run(Map.of("SITEFORM_CACHE_DIR", cache.toString()));
    assertThat(first.exit()).as(first.err()).isEqualTo(0);
    assertThat(first.out()).isEqualTo("siteform " + io.siteform.engine.render.Versions.SITEFORM + "\n");
    assertThat(first.err()).isEmpty();
    assertThat(names(cache)).singleElement().asString().endsWith(".part");

    Result second = run(Map.of("SITEFORM_CACHE_DIR", cache.toString()));
    assertThat(second.exit()).as(second.err()).isEqualTo(0);
    assertThat(second.out()).isEqualTo(first.out());
    assertThat(names(cache)).singleElement().asString().endsWith(".jsa");
  }

  @Test
  void aTruncatedArchiveIsThrownAwayNotMapped() throws Exception {
    Path cache = dir.resolve("cache");
    assertThat(run(Map.of("SITEFORM_CACHE_DIR", cache.toString())).exit()).isEqualTo(0);
    Path part = names(cache).stream().map(cache::resolve).findFirst().orElseThrow();
    // As a run killed while writing it would leave it, under a pid no process has.
    byte[] bytes = Files.readAllBytes(part);
    Files.delete(part);
    String name = part.getFileName().toString().replaceAll("\\.\\d+\\.part$", ".999999999.part");
    Files.write(cache.resolve(name), java.util.Arrays.copyOf(bytes, bytes.length / 3));

    Result r = run(Map.of("SITEFORM_CACHE_DIR", cache.toString()));
    assertThat(r.exit()).as(r.err()).isEqualTo(0);
    assertThat(r.out()).startsWith("siteform ");
    assertThat(names(cache)).noneMatch(n -> n.contains(".999999999."));
    assertThat(names(cache)).noneMatch(n -> n.endsWith(".jsa"));
  }

  /**
   * picocli comes from the archive: the runnable jar holds it compiled for Java 17 (cli/pom.xml),
   * where the published jar's Java 5 classes were never archived and were verified anew every run.
   */
  @Test
  void theArchiveHoldsPicocli() throws Exception {
    Path cache = dir.resolve("cache");
    for (int i = 0; i < 2; i++) assertThat(run(Map.of("SITEFORM_CACHE_DIR", cache.toString())).exit()).isEqualTo(0);
    assertThat(names(cache)).singleElement().asString().endsWith(".jsa");

    Result r = run(Map.of("SITEFORM_CACHE_DIR", cache.toString(), "SITEFORM_JAVA_OPTS", "-Xlog:class+load=info:stderr"));
    assertThat(r.exit()).as(r.err()).isEqualTo(0);
    assertThat(r.err().lines().filter(l -> l.contains(" picocli.CommandLine source: ")))
        .singleElement().asString().contains("shared objects file");
  }

  @Test
  void cdsOffWritesNothing() throws Exception {
    Path cache = dir.resolve("cache");
    Result r = run(Map.of("SITEFORM_CACHE_DIR", cache.toString(), "SITEFORM_CDS", "0"));
    assertThat(r.exit()).as(r.err()).isEqualTo(0);
    assertThat(Files.exists(cache)).isFalse();
  }

  private static List<String> names(Path cache) throws IOException {
    try (Stream<Path> s = Files.list(cache)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
    }
  }

  private Result run(Map<String, String> env) throws Exception {
    Path script = root().resolve("bin/siteform");
    ProcessBuilder pb = new ProcessBuilder(script.toString(), "--version").directory(dir.toFile());
    pb.environment().putAll(env);
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("bin/siteform finished").isTrue();
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private static Path root() {
    for (Path d = Path.of(System.getProperty("user.dir")).toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("bin/siteform"))) return d;
    }
    throw new IllegalStateException("bin/siteform not found above " + System.getProperty("user.dir"));
  }
}
