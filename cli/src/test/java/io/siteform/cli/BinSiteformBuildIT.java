package io.siteform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import io.siteform.cli.BinSiteformIT.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When {@code bin/siteform} builds its jar: when it is missing, or a source or a pom.xml changed
 * since it was built, and not because a fresh checkout gave every source a new mtime while the jar
 * and its stamp came back from a CI cache (the GitHub Actions example caches them: the build is
 * about 25 s of every job otherwise). Runs a copy of the script in a folder of its own, with a
 * {@code mvn} on PATH that notes each build and puts the real jar in place.
 */
class BinSiteformBuildIT {
  @TempDir Path root;
  private Path builds;

  @BeforeEach
  void checkout() throws IOException {
    Path script = Files.createDirectories(root.resolve("bin")).resolve("siteform");
    Files.copy(BinSiteformIT.root().resolve("bin/siteform"), script);
    assertThat(script.toFile().setExecutable(true)).isTrue();
    Files.writeString(root.resolve("pom.xml"), "<project/>\n");
    Files.writeString(Files.createDirectories(root.resolve("cli")).resolve("pom.xml"), "<project/>\n");
    Files.writeString(Files.createDirectories(root.resolve("cli/src/main/java/x")).resolve("A.java"), "class A {}\n");
    Files.writeString(Files.createDirectories(root.resolve("engine/src/main/resources")).resolve("b.txt"), "b\n");
    builds = root.resolve("builds.log");
    Path mvn = Files.createDirectories(root.resolve("tools")).resolve("mvn");
    Files.writeString(mvn, "#!/bin/sh\necho \"$*\" >> '" + builds + "'\nmkdir -p '" + root.resolve("cli/target")
        + "' && cp '" + BinSiteformIT.root().resolve("cli/target/siteform.jar") + "' '" + jar() + "'\n");
    assertThat(mvn.toFile().setExecutable(true)).isTrue();
  }

  @Test
  void aFreshCheckoutBesideARestoredJarAndStampBuildsNothing() throws Exception {
    assertBuilt(run(), 1);
    assertThat(Files.readString(stamp())).matches("[0-9a-f]+\n|[0-9]+\n");
    // The jar and its stamp back from a cache with their mtimes, the same commit checked out after.
    restoredFromCache();
    aged(sources(), 60);

    Result r = run();

    assertNotBuilt(r, 1);
    assertThat(Files.getLastModifiedTime(stamp()).toInstant()).as("the stamp, touched for the next run's mtimes")
        .isAfter(Files.getLastModifiedTime(root.resolve("cli/src/main/java/x/A.java")).toInstant());
    assertNotBuilt(run(), 1);
  }

  @Test
  void anEditedSourceAResourceOrAPomOrANewFileIsBuiltAgainWhateverTheMtimes() throws Exception {
    assertBuilt(run(), 1);
    restoredFromCache();
    Files.writeString(root.resolve("cli/src/main/java/x/A.java"), "class A { int edited; }\n");
    aged(sources(), 60);
    assertBuilt(run(), 2);

    restoredFromCache();
    Files.writeString(root.resolve("engine/src/main/resources/b.txt"), "edited\n");
    assertBuilt(run(), 3);

    restoredFromCache();
    Files.writeString(root.resolve("cli/pom.xml"), "<project><!-- edited --></project>\n");
    assertBuilt(run(), 4);

    restoredFromCache();
    Files.writeString(root.resolve("cli/src/main/java/x/New.java"), "class New {}\n");
    aged(sources(), 60);
    assertBuilt(run(), 5);
    restoredFromCache();
    aged(sources(), 60);
    assertNotBuilt(run(), 5);
  }

  /** Maven rebuilt the jar since the stamp (bin/test does): the stamp no longer says what it holds. */
  @Test
  void aStampOlderThanTheJarIsIgnoredAndTheMtimesDecide() throws Exception {
    assertBuilt(run(), 1);
    aged(sources(), 180);
    aged(List.of(stamp()), 120);
    aged(List.of(jar()), 60);
    assertNotBuilt(run(), 1);

    aged(List.of(root.resolve("cli/src/main/java/x/A.java")), 30);

    assertBuilt(run(), 2);
  }

  @Test
  void aJarBuiltByMavenWithoutAStampIsCurrentUntilASourceIsNewer() throws Exception {
    Files.createDirectories(root.resolve("cli/target"));
    Files.copy(BinSiteformIT.root().resolve("cli/target/siteform.jar"), jar());
    aged(sources(), 180);
    aged(List.of(jar()), 60);
    assertNotBuilt(run(), 0);

    aged(List.of(root.resolve("pom.xml")), 30);

    assertBuilt(run(), 1);
  }

  private void assertBuilt(Result r, int builds) throws IOException {
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("siteform " + io.siteform.engine.render.Versions.SITEFORM + "\n");
    assertThat(r.err()).isEqualTo("siteform: building " + jar() + "...\n");
    assertThat(buildCount()).as("builds").isEqualTo(builds);
    assertThat(stamp()).exists();
  }

  private void assertNotBuilt(Result r, int builds) throws IOException {
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("siteform " + io.siteform.engine.render.Versions.SITEFORM + "\n");
    assertThat(r.err()).isEmpty();
    assertThat(buildCount()).as("builds").isEqualTo(builds);
  }

  private long buildCount() throws IOException {
    return Files.exists(builds) ? Files.readAllLines(builds).size() : 0;
  }

  private Path jar() {
    return root.resolve("cli/target/siteform.jar");
  }

  private Path stamp() {
    return root.resolve("cli/target/siteform.jar.sources");
  }

  private List<Path> sources() throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).filter(p -> p.toString().contains("/src/main/")
          || p.getFileName().toString().equals("pom.xml")).toList();
    }
  }

  /** The jar and its stamp as a CI cache gives them back: as old as when they were saved (2 minutes here). */
  private void restoredFromCache() throws IOException {
    aged(List.of(jar(), stamp()), 120);
  }

  /** Each file's mtime {@code seconds} ago. */
  private static void aged(List<Path> files, long seconds) throws IOException {
    FileTime then = FileTime.from(Instant.now().minusSeconds(seconds));
    for (Path p : files) Files.setLastModifiedTime(p, then);
  }

  private Result run() throws Exception {
    ProcessBuilder pb = new ProcessBuilder(root.resolve("bin/siteform").toString(), "--version").directory(root.toFile());
    pb.environment().keySet().removeIf(k -> k.equals("CI") || k.startsWith("SITEFORM_"));
    pb.environment().put("SITEFORM_CDS", "0");
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().put("PATH", root.resolve("tools") + ":" + System.getenv("PATH"));
    return BinSiteformIT.finish(pb, root);
  }
}
