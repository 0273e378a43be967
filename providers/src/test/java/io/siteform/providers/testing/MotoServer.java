package io.siteform.providers.testing;

import io.siteform.providers.aws.AwsClients;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.BufferedReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One running moto launcher ({@code moto/launcher.py}): where it listens, how to wipe it, and
 * clients pointed at it. Closing it stops the process.
 */
public final class MotoServer implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final URI endpoint;
  private final Path stderr;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Set<String> transitions = ConcurrentHashMap.newKeySet();

  private MotoServer(Process process, URI endpoint, Path stderr) {
    this.process = process;
    this.endpoint = endpoint;
    this.stderr = stderr;
  }

  /**
   * Starts a launcher on a free loopback port and waits for its READY line.
   *
   * @param launcherArgs extra arguments, such as {@code --without s3_replication_filter}
   */
  public static MotoServer start(String... launcherArgs) {
    Path launcher = launcherPath();
    String python = Optional.ofNullable(System.getenv("SITEFORM_PYTHON")).filter(s -> !s.isBlank()).orElse("python3");
    List<String> command = new ArrayList<>(List.of(python, launcher.toString(), "--port", "0", "--host", "127.0.0.1"));
    command.addAll(List.of(launcherArgs));
    Path stderr;
    Process process;
    try {
      stderr = Files.createTempFile("siteform-moto-", ".log");
      stderr.toFile().deleteOnExit();
      process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + String.join(" ", command) + ": " + e.getMessage(), e);
    }
    CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
      try {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        return out.readLine();
      } catch (IOException e) {
        return null;
      }
    });
    String line;
    try {
      line = ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException | ExecutionException e) {
      line = null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      line = null;
    }
    if (line == null || !line.startsWith("READY ")) {
      process.destroyForcibly();
      throw new IllegalStateException("moto launcher did not get ready within " + START_TIMEOUT.toSeconds()
          + " s (" + String.join(" ", command) + "); stdout: " + line + "; stderr:\n" + read(stderr));
    }
    return new MotoServer(process, URI.create(line.substring("READY ".length()).trim()), stderr);
  }

  /** Where the launcher is: {@code ${siteform.root}/moto/launcher.py}, else found above user.dir. */
  static Path launcherPath() {
    String root = System.getProperty("siteform.root");
    if (root != null && !root.isBlank()) {
      Path p = Paths.get(root, "moto", "launcher.py");
      if (Files.isRegularFile(p)) return p;
    }
    for (Path dir = Paths.get(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path p = dir.resolve("moto").resolve("launcher.py");
      if (Files.isRegularFile(p)) return p;
    }
    throw new IllegalStateException(
        "moto/launcher.py not found: set -Dsiteform.root to the siteform checkout (root pom does this)");
  }

  /**
   * Proves a launcher patch is needed and works: {@code holds} on this (patched) server, {@code
   * fails} on a fresh launcher started {@code --without} the patch.
   */
  public void provePatch(String patch, java.util.function.Consumer<io.siteform.providers.aws.AwsClients> holds,
      java.util.function.Consumer<io.siteform.providers.aws.AwsClients> fails) {
    try (io.siteform.providers.aws.AwsClients clients = newClients()) {
      holds.accept(clients);
    }
    try (MotoServer unpatched = start("--without", patch);
        io.siteform.providers.aws.AwsClients clients = unpatched.newClients()) {
      fails.accept(clients);
    }
  }

  public URI endpoint() {
    return endpoint;
  }

  /**
   * Wipes every service's state ({@code POST /moto-api/reset}) and undoes {@link #progressAfter},
   * which moto's reset keeps.
   */
  public void reset() {
    for (String model : List.copyOf(transitions)) {
      post("/moto-api/state-manager/unset-transition", "{\"model_name\": \"" + model + "\"}", 201);
      transitions.remove(model);
    }
    post("/moto-api/reset", null, 200);
  }

  /**
   * Makes moto's {@code model} (such as {@code cloudfront::distribution}) move on to its next status
   * only {@code seconds} after the last move, instead of on its next read; until {@link #reset}.
   */
  public void progressAfter(String model, int seconds) {
    transitions.add(model);
    post("/moto-api/state-manager/set-transition", "{\"model_name\": \"" + model
        + "\", \"transition\": {\"progression\": \"time\", \"seconds\": " + seconds + "}}", 201);
  }

  private void post(String path, String json, int expected) {
    HttpRequest request = HttpRequest.newBuilder(endpoint.resolve(path))
        .timeout(Duration.ofSeconds(30))
        .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
        .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != expected) {
        throw new IllegalStateException("moto " + path + " answered " + response.statusCode() + ": " + response.body());
      }
    } catch (IOException e) {
      throw new IllegalStateException("moto " + path + " failed: " + e.getMessage() + "; stderr:\n" + read(stderr), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** New clients pointed at this server; the caller closes them. Credentials come from the environment. */
  public AwsClients newClients() {
    return new AwsClients(Optional.of(endpoint), Optional.empty());
  }

  /** What the launcher wrote on stderr so far. */
  public String stderr() {
    return read(stderr);
  }

  @Override
  public void close() {
    try {
      process.getOutputStream().close(); // EOF on stdin: the launcher stops
    } catch (IOException ignored) {
      // it may already be gone
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    try {
      Files.deleteIfExists(stderr);
    } catch (IOException ignored) {
      // a temp file; deleteOnExit is the fallback
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }
}
