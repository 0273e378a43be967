package io.siteform.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who holds a state lock, as every backend writes it into its lock (a file, an S3 object): a
 * lock id (for {@code siteform force-unlock ID}), user and host, operation, process id and since
 * when, so a blocked user knows whom to ask.
 */
public final class LockHolder {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LockHolder() {}

  /** This process taking the lock for {@code operation}, as pretty JSON with a final newline. */
  public static byte[] self(String operation) {
    return self(operation, java.util.UUID.randomUUID().toString());
  }

  /** This process taking the lock {@code id} for {@code operation}. */
  public static byte[] self(String operation, String id) {
    Map<String, Object> holder = new LinkedHashMap<>();
    holder.put("id", id);
    holder.put("who", System.getProperty("user.name", "unknown") + "@" + hostName());
    holder.put("operation", operation);
    holder.put("pid", ProcessHandle.current().pid());
    holder.put("created", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    try {
      return (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(holder) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write a lock holder", e);
    }
  }

  /**
   * "by jane@laptop (pid 42) for apply since 2026-11-29T04:00:00Z" from a lock's content, naming
   * only what it records; empty when it is not a holder at all (being written, or damaged).
   */
  public static Optional<String> describe(byte[] content) {
    try {
      JsonNode h = JSON.readTree(content);
      if (h == null || !h.isObject()) return Optional.empty();
      StringBuilder b = new StringBuilder("by ").append(h.path("who").asText("someone"));
      if (h.has("pid")) b.append(" (pid ").append(h.path("pid").asText()).append(')');
      b.append(" for ").append(h.path("operation").asText("an operation"));
      b.append(" since ").append(h.path("created").asText("an unknown time"));
      return Optional.of(b.toString());
    } catch (IOException | RuntimeException unreadable) {
      return Optional.empty();
    }
  }

  /** The lock id a lock's content records, if it records one. */
  public static Optional<String> id(byte[] content) {
    try {
      JsonNode h = JSON.readTree(content);
      if (h == null || !h.isObject() || !h.path("id").isTextual()) return Optional.empty();
      return Optional.of(h.path("id").textValue()).filter(s -> !s.isBlank());
    } catch (IOException | RuntimeException unreadable) {
      return Optional.empty();
    }
  }

  private static String hostName() {
    String env = System.getenv("HOSTNAME");
    if (env == null || env.isBlank()) env = System.getenv("COMPUTERNAME");
    if (env != null && !env.isBlank()) return env;
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown-host";
    }
  }
}
