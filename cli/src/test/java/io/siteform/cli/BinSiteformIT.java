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
import io.siteform.providers.testing.MotoExtension;
import io.siteform.providers.testing.MotoServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/siteform}'s class-data sharing archive (issue 14.3) never breaks a run: a cache
 * folder that cannot be made, an archive a killed run left truncated, and CDS turned off all run
 * siteform as without it; the first run that reaches AWS writes the archive without a word on
 * stdout, the next one checks it and uses it, even one from another machine whose writer's pid is
 * alive here, but not one a live JVM is still writing; a run that never reached AWS leaves none, and on
 * CI none is written to a cache the job did not choose. It runs JAVA_HOME's java when that is
 * set, and refuses one older than Java 17, or none, by name. Needs the runnable jar, which the package
 * phase builds before ITs.
 */
@ExtendWith(MotoExtension.class)
class BinSiteformIT {
  @TempDir Path dir;
  MotoServer moto;

  record Result(int exit, String out, String err) {}

  /** A plan whose state lives in S3 reaches AWS even before the site exists: it reads the state there. */
  @BeforeEach
  void setUp(MotoServer moto) throws IOException {
    this.moto = moto;
    try (var clients = moto.newClients()) {
      var s3 = clients.s3("eu-west-1");
      if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals("bin-siteform-state"))) {
        s3.createBucket(b -> b.bucket("bin-siteform-state")
            .createBucketConfiguration(c -> c.locationConstraint("eu-west-1")));
      }
    }
    Files.writeString(dir.resolve("siteform.yaml"), CliTest.SPEC
        + "backend: {type: s3, bucket: bin-siteform-state, key: " + dir.getFileName() + ".json, region: eu-west-1}\n");
  }

  @Test
  void anUnwritableCacheFolderMeansNoArchiveAndTheRunGoesOn() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
    Result r = run(Map.of("SITEFORM_CACHE_DIR", file.resolve("siteform").toString()));
    assertThat(r.exit()).as(r.err()).isEqualTo(0);
    assertThat(r.out()).isEqualTo("siteform " + io.siteform.engine.render.Versions.SITEFORM + "\n");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void theFirstRunThatReachesAwsWritesTheArchiveQuietlyAndTheNextUsesIt() throws Exception {
    Path cache = dir.resolve("cache");
    Result first = plan(Map.of("SITEFORM_CACHE_DIR", cache.toString()));
    assertThat(first.exit()).as(first.err()).isEqualTo(0);
    assertThat(first.out()).contains("Plan: ");
    assertThat(first.err()).isEmpty();
    assertThat(names(cache)).hasSize(2).allMatch(n -> n.matches("siteform-\\d+\\.\\d+\\.part(\\.full)?"));

    Result second = run(Map.of("SITEFORM_CACHE_DIR", cache.toString()));
    assertThat(second.exit()).as(second.err()).isEqualTo(0);
    assertThat(second.out()).isEqualTo("siteform " + io.siteform.engine.render.Versions.SITEFORM + "\n");
    assertThat(names(cache)).singleElement().asString().endsWith(".jsa");
  }

  /**
   * An archive a job wrote comes back from a CI cache on another runner, where its writer's pid
   * may well be a live process of that runner's: it is used all the same, and none is written
   * again (which would cost every such job about 3 s, in a cache the job does not save again).
   * Only a live JVM that is writing that very archive holds it back.
   */
  @Test
  void anArchiveFromAnotherMachineIsUsedThoughItsWritersPidIsAliveHere() throws Exception {
    Path cache = dir.resolve("cache");
    Path part = archiveOfAPlan(Map.of("CI", "true", "SITEFORM_CACHE_DIR", cache.toString()), cache);
    String pid = part.getFileName().toString().replaceAll(".*\\.(\\d+)\\.part$", "$1");
    Process other = new ProcessBuilder("sleep", "60").start();
    try {
      String alive = part.getFileName().toString().replace("." + pid + ".part", "." + other.pid() + ".part");
      Files.move(part, cache.resolve(alive));
      Files.move(cache.resolve(part.getFileName() + ".full"), cache.resolve(alive + ".full"));

      Result r = run(Map.of("CI", "true", "SITEFORM_CACHE_DIR", cache.toString()));

      assertThat(r.exit()).as(r.err()).isEqualTo(0);
      assertThat(names(cache)).singleElement().asString().endsWith(".jsa");
    } finally {
      other.destroy();
    }
  }

  /** An archive a live JVM is still writing as it exits is left to it: neither used half-written nor removed. */
  @Test
  void anArchiveStillBeingWrittenIsLeftToItsWriter() throws Exception {
    Path cache = dir.resolve("cache");
    Path part = archiveOfAPlan(Map.of("SITEFORM_CACHE_DIR", cache.toString()), cache);
    String prefix = cache.resolve(part.getFileName().toString().replaceAll("\\.\\d+\\.part$", "")).toString();
    // A writer as bin/siteform starts one, half way through: its pid in the archive's name, the
    // archive on its command line.
    Process writer = new ProcessBuilder("bash", "-c", "f=\"$0.$$.part\"; head -c 4096 \"$1\" > \"$f\"; : > \"$f.full\";"
        + " exec -a \"-XX:ArchiveClassesAtExit=$f\" sleep 60", prefix, part.toString()).start();
    try {
      Path halfWritten = Path.of(prefix + "." + writer.pid() + ".part");
      long deadline = System.nanoTime() + 10_000_000_000L;
      // Exec'd: its first word is now the option (bash's own command line has the script, which names it too).
      while (!Files.readString(Path.of("/proc/" + writer.pid() + "/cmdline")).startsWith("-XX:ArchiveClassesAtExit=")) {
        assertThat(System.nanoTime()).as("the writer started").isLessThan(deadline);
        Thread.sleep(20);
      }
      // Only once the writer has copied from it: the whole archive the plan wrote goes.
      Files.delete(part);
      Files.delete(Path.of(part + ".full"));

      Result r = run(Map.of("SITEFORM_CACHE_DIR", cache.toString()));

      assertThat(r.exit()).as(r.err()).isEqualTo(0);
      assertThat(halfWritten).hasSize(4096);
      assertThat(Path.of(halfWritten + ".full")).exists();
      assertThat(names(cache)).noneMatch(n -> n.endsWith(".jsa"));
    } finally {
      writer.destroy();
    }
  }

  /**
   * The archive of {@code --version} holds a tenth of a plan's classes: kept, it would stand in for
   * the full one as long as the jar stays the same. It is thrown away, and the next run writes another.
   */
  @Test
  void anArchiveOfARunThatNeverReachedAwsIsNotKept() throws Exception {
    Path cache = dir.resolve("cache");
    assertThat(run(Map.of("SITEFORM_CACHE_DIR", cache.toString())).exit()).isEqualTo(0);
    List<String> first = names(cache);
    assertThat(first).singleElement().asString().endsWith(".part");

    Result second = run(Map.of("SITEFORM_CACHE_DIR", cache.toString()));
    assertThat(second.exit()).as(second.err()).isEqualTo(0);
    assertThat(second.err()).isEmpty();
    assertThat(names(cache)).singleElement().asString().endsWith(".part").isNotEqualTo(first.get(0));

    assertThat(plan(Map.of("SITEFORM_CACHE_DIR", cache.toString())).exit()).isEqualTo(0);
    assertThat(run(Map.of("SITEFORM_CACHE_DIR", cache.toString())).exit()).isEqualTo(0);
    assertThat(names(cache)).singleElement().asString().endsWith(".jsa");
  }

  /**
   * On CI the default cache goes with the runner: an archive written there would cost every job
   * about 3 s and help none. One the job keeps (SITEFORM_CACHE_DIR) is written, and one already in
   * the default cache (a runner that keeps its home) is used.
   */
  @Test
  void onCiNoArchiveIsWrittenToACacheTheJobDidNotChoose() throws Exception {
    Path xdg = dir.resolve("xdg");
    Map<String, String> ci = Map.of("CI", "true", "XDG_CACHE_HOME", xdg.toString());
    Result r = plan(ci);
    assertThat(r.exit()).as(r.err()).isEqualTo(0);
    assertThat(xdg).doesNotExist();

    Path kept = dir.resolve("kept");
    assertThat(plan(Map.of("CI", "true", "SITEFORM_CACHE_DIR", kept.toString())).exit()).isEqualTo(0);
    assertThat(names(kept)).hasSize(2);

    // Made off CI in the default cache, then used on CI.
    assertThat(plan(Map.of("XDG_CACHE_HOME", xdg.toString())).exit()).isEqualTo(0);
    assertThat(run(Map.of("XDG_CACHE_HOME", xdg.toString())).exit()).isEqualTo(0);
    assertThat(names(xdg.resolve("siteform"))).singleElement().asString().endsWith(".jsa");
    Map<String, String> logged = new java.util.HashMap<>(ci);
    logged.put("SITEFORM_JAVA_OPTS", "-Xlog:class+load=info:stderr");
    Result used = run(logged);
    assertThat(used.exit()).as(used.err()).isEqualTo(0);
    assertThat(used.err().lines().filter(l -> l.contains(" picocli.CommandLine source: ")))
        .singleElement().asString().contains("shared objects file");
  }

  /**
   * picocli comes from the archive: the runnable jar holds it compiled for Java 17 (cli/pom.xml),
   * where the published jar's Java 5 classes were never archived and were verified anew every run.
   */
  @Test
  void theArchiveHoldsPicocli() throws Exception {
    Path cache = dir.resolve("cache");
    assertThat(plan(Map.of("SITEFORM_CACHE_DIR", cache.toString())).exit()).isEqualTo(0);
    assertThat(run(Map.of("SITEFORM_CACHE_DIR", cache.toString())).exit()).isEqualTo(0);
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

  @Test
  void javaHomeNamesTheJvmThatRunsSiteform() throws Exception {
    Path jdk = fakeJdk("17.0.99");
    Result r = run(Map.of("JAVA_HOME", jdk.toString(), "SITEFORM_CACHE_DIR", dir.resolve("cache").toString()));
    assertThat(r.exit()).as(r.err()).isEqualTo(0);
    assertThat(r.out()).isEqualTo("siteform " + io.siteform.engine.render.Versions.SITEFORM + "\n");
    assertThat(jdk.resolve("started")).as("JAVA_HOME's java ran").exists();
  }

  @Test
  void aJavaHomeWithoutJavaIsRefusedNamingIt() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("not-a-jdk"));
    Result r = run(Map.of("JAVA_HOME", empty.toString()));
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("siteform: JAVA_HOME is " + empty + ", which has no bin/java: point it at a"
        + " Java 17 or later JDK, or unset it to use the java on PATH\n");
  }

  /** Java 11 would die on the jar's class version, a stack trace that names no fix: refused before it starts. */
  @Test
  void aJavaOlderThan17IsRefusedBeforeItStarts() throws Exception {
    for (String version : List.of("11.0.22", "1.8.0_402")) {
      Path jdk = fakeJdk(version);
      Result r = run(Map.of("JAVA_HOME", jdk.toString()));
      assertThat(r.exit()).as(version).isEqualTo(1);
      assertThat(r.out()).isEmpty();
      assertThat(r.err()).isEqualTo("siteform: " + jdk.resolve("bin/java") + " is Java " + version
          + "; siteform needs Java 17 or later: set JAVA_HOME to one\n");
      assertThat(jdk.resolve("started")).as("its java never ran").doesNotExist();
    }
  }

  /** No JAVA_HOME and no java on PATH (only what the script needs before it looks): named, not bash's 127. */
  @Test
  void noJavaAtAllIsRefusedNamingTheFix() throws Exception {
    Path tools = Files.createDirectories(dir.resolve("tools"));
    for (String tool : List.of("bash", "readlink", "dirname")) {
      Path real = Stream.of("/usr/bin", "/bin").map(d -> Path.of(d, tool)).filter(Files::isExecutable).findFirst()
          .orElseThrow();
      Files.createSymbolicLink(tools.resolve(tool), real);
    }
    Result r = run(Map.of("JAVA_HOME", "", "PATH", tools.toString()));
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("siteform: no java on PATH: install Java 17 or later, or set JAVA_HOME to one\n");
  }

  /** A JDK folder whose bin/java notes that it ran, then runs this test's JVM; its release file says {@code version}. */
  private Path fakeJdk(String version) throws IOException {
    Path jdk = Files.createDirectories(dir.resolve("jdk-" + version));
    Path java = Files.createDirectories(jdk.resolve("bin")).resolve("java");
    Path real = Path.of(System.getProperty("java.home"), "bin", "java");
    Files.writeString(java, "#!/bin/sh\n: > '" + jdk.resolve("started") + "'\nexec '" + real + "' \"$@\"\n");
    assertThat(java.toFile().setExecutable(true)).isTrue();
    Files.writeString(jdk.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + version + "\"\n");
    return jdk;
  }

  private static List<String> names(Path cache) throws IOException {
    try (Stream<Path> s = Files.list(cache)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
    }
  }

  /** The archive a plan under {@code env} wrote into {@code cache} as it exited, not yet checked by a run. */
  private Path archiveOfAPlan(Map<String, String> env, Path cache) throws Exception {
    assertThat(plan(env).exit()).isEqualTo(0);
    try (Stream<Path> s = Files.list(cache)) {
      return s.filter(p -> p.toString().endsWith(".part")).findFirst().orElseThrow();
    }
  }

  /** {@code bin/siteform --version}: no AWS. */
  private Result run(Map<String, String> env) throws Exception {
    return run(env, "--version");
  }

  /** {@code bin/siteform plan} of the test's spec against its moto. */
  private Result plan(Map<String, String> env) throws Exception {
    return run(env, "--endpoint-url", moto.endpoint().toString(), "--no-color", "plan");
  }

  private Result run(Map<String, String> env, String... args) throws Exception {
    Path script = root().resolve("bin/siteform");
    List<String> command = new java.util.ArrayList<>(List.of(script.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    // What the test names, and nothing of the CI this test may itself run on.
    pb.environment().keySet().removeIf(k -> k.equals("CI") || k.startsWith("SITEFORM_") || k.startsWith("AWS_"));
    pb.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing",
        "AWS_EC2_METADATA_DISABLED", "true", "AWS_CONFIG_FILE", dir.resolve("aws-config").toString(),
        "AWS_SHARED_CREDENTIALS_FILE", dir.resolve("aws-credentials").toString()));
    pb.environment().putAll(env);
    return finish(pb, dir);
  }

  /** Runs {@code pb} to its end, its stdout and stderr kept in files in {@code dir}. */
  static Result finish(ProcessBuilder pb, Path dir) throws Exception {
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("bin/siteform finished").isTrue();
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /** The checkout this test runs in, where bin/siteform is. */
  static Path root() {
    for (Path d = Path.of(System.getProperty("user.dir")).toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("bin/siteform"))) return d;
    }
    throw new IllegalStateException("bin/siteform not found above " + System.getProperty("user.dir"));
  }
}
