package io.siteform.cli;

import io.siteform.providers.testing.MotoServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The CLI run in-process against a test's moto, on a spec in the test's folder. */
final class MotoCli {
  final Path dir;
  final Path spec;
  private final java.net.URI endpoint;
  private final CliRunner cli = new CliRunner();

  MotoCli(Path dir, MotoServer moto) {
    this(dir, moto.endpoint());
  }

  /** The CLI pointed at {@code endpoint}, such as a proxy in front of moto. */
  MotoCli(Path dir, java.net.URI endpoint) {
    this.dir = dir;
    this.spec = dir.resolve("siteform.yaml");
    this.endpoint = endpoint;
  }

  /** Runs from now on at {@code clock}'s time. */
  MotoCli clock(java.time.Clock clock) {
    cli.clock = clock;
    return this;
  }

  /** {@code siteform -f SPEC --endpoint-url MOTO --no-color ARGS...} */
  CliRunner.Run run(String... args) {
    String[] all = new String[args.length + 5];
    all[0] = "-f";
    all[1] = spec.toString();
    all[2] = "--endpoint-url";
    all[3] = endpoint.toString();
    all[4] = "--no-color";
    System.arraycopy(args, 0, all, 5, args.length);
    return cli.run(all);
  }

  /** Copies the workshop example (the whole seed: spec and dist/) into this CLI's folder. */
  MotoCli copyWorkshop() throws IOException {
    Path workshop = null;
    for (Path d = java.nio.file.Paths.get(System.getProperty("user.dir")).toAbsolutePath(); d != null; d = d.getParent()) {
      Path p = d.resolve("examples").resolve("workshop");
      if (Files.isRegularFile(p.resolve("siteform.yaml"))) {
        workshop = p;
        break;
      }
    }
    if (workshop == null) {
      throw new IllegalStateException("examples/workshop not found above " + System.getProperty("user.dir"));
    }
    Files.copy(workshop.resolve("siteform.yaml"), spec);
    try (java.util.stream.Stream<Path> files = Files.walk(workshop.resolve("dist"))) {
      for (Path f : files.toList()) {
        Path to = dir.resolve(workshop.relativize(f).toString());
        if (Files.isDirectory(f)) Files.createDirectories(to);
        else Files.copy(f, to);
      }
    }
    return this;
  }

  /** Sets {@code name} in the environment the CLI sees. */
  MotoCli env(String name, String value) {
    cli.env.put(name, value);
    return this;
  }

  MotoCli write(String yaml) throws IOException {
    Files.writeString(spec, yaml);
    return this;
  }
}
