package io.siteform.providers.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * One running moto launcher ({@code moto/launcher.py}): where it listens, how to wipe it, which of
 * AWS's untidy behaviours it shows, and clients pointed at it. Closing it stops the process.
 */
public final class MotoServer implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  /** The launcher's control route for untidy behaviours ({@code moto/patches/_untidy.py}). */
  private static final String UNTIDY = "/moto-api/siteform/untidy";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final URI endpoint;
  private final Path stderr;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Set<String> transitions = ConcurrentHashMap.newKeySet();
  private volatile boolean untidyChanged;

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

  /**
   * Proves an armable (untidy) patch is needed and works, on this server: {@code holds} with only
   * {@code behaviour} armed, then, after a reset, {@code fails} with nothing armed. Leaves the
   * server reset.
   */
  public void proveUntidy(String behaviour, java.util.function.Consumer<AwsClients> holds,
      java.util.function.Consumer<AwsClients> fails) {
    try (AwsClients clients = newClients()) {
      reset();
      untidy(behaviour);
      holds.accept(clients);
    } finally {
      reset();
    }
    try (AwsClients clients = newClients()) {
      untidy();
      fails.accept(clients);
    } finally {
      reset();
    }
  }

  public URI endpoint() {
    return endpoint;
  }

  /**
   * Wipes every service's state ({@code POST /moto-api/reset}, which also forgets what the untidy
   * behaviours counted), undoes {@link #progressAfter}, which moto's reset keeps, and puts {@link
   * #untidy}, {@link #route53Rate} and {@link #replicationSeconds} back to what the launcher started with.
   */
  public void reset() {
    if (untidyChanged) {
      post(UNTIDY + "/restore", null, 200);
      untidyChanged = false;
    }
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

  /**
   * Arms exactly these of AWS's untidy behaviours (eventual consistency, throttling; see {@code
   * moto/README.md}), {@code untidy("all")} every one, {@code untidy()} none; until {@link #reset}.
   * Each patch then answers AWS's error once per resource, counting from the calls made while it
   * is armed.
   *
   * @throws IllegalStateException naming any behaviour this launcher does not have
   */
  public void untidy(String... behaviours) {
    String arm = behaviours.length == 1 && behaviours[0].equals("all") ? "\"all\""
        : JSON.valueToTree(List.of(behaviours)).toString();
    untidyChanged = true;
    post(UNTIDY, "{\"arm\": " + arm + "}", 200);
  }

  /** Route53's throttle while {@code route53_throttling} is armed: requests a second, and burst. */
  public void route53Rate(double requestsPerSecond) {
    untidyChanged = true;
    post(UNTIDY, "{\"route53_rate\": " + requestsPerSecond + "}", 200);
  }

  /**
   * How long after a write the launcher's S3 replication copies it (0.3 s unless the launcher was
   * started {@code --replication-seconds}); until {@link #reset}. Replication takes seconds on AWS.
   */
  public void replicationSeconds(double seconds) {
    untidyChanged = true;
    post(UNTIDY, "{\"replication_seconds\": " + seconds + "}", 200);
  }

  /** The replication delay in force now, in seconds (see {@link #replicationSeconds}). */
  public double replicationSecondsNow() {
    return untidyState().get("replication_seconds").asDouble();
  }

  /** The untidy behaviours armed now, sorted. */
  public List<String> untidyArmed() {
    return strings(untidyState().get("armed"));
  }

  /** Every untidy behaviour this launcher has (those it was started {@code --without} excepted). */
  public List<String> untidyKnown() {
    return strings(untidyState().get("known"));
  }

  private JsonNode untidyState() {
    HttpRequest request = HttpRequest.newBuilder(endpoint.resolve(UNTIDY)).timeout(Duration.ofSeconds(30)).GET().build();
    try {
      return JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
    } catch (IOException e) {
      throw new IllegalStateException("moto " + UNTIDY + " failed: " + e.getMessage() + "; stderr:\n" + read(stderr), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
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
