package io.siteform.engine.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.siteform.engine.spec.CdnSpec.Routing;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated viewer-request function, run under Node.js on CloudFront request events (no
 * network): each routing mode, both kinds of redirect, query strings kept as sent, and assets
 * and unknown paths passed to the origin untouched, so the origin group still fails over on a
 * real error and a missing file still answers 404.
 */
class EdgeFunctionCodeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> REDIRECTS = Map.of(
      "/old.html", "/new.html",
      "/x", "https://elsewhere.example.org/",
      "/search", "/find?from=search",
      "/a\"b\\c", "/quoted");

  @TempDir Path dir;

  @BeforeAll
  static void nodeIsThere() {
    assumeTrue(node() != null, "node (Node.js) is not on PATH");
  }

  private static String node() {
    for (String p : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(p, "node"))) return Path.of(p, "node").toString();
    }
    return null;
  }

  /** A viewer-request event as CloudFront passes it (functions-event-structure). */
  private static ObjectNode event(String host, String uri, Map<String, List<String>> query) {
    ObjectNode e = JSON.createObjectNode();
    e.put("version", "1.0");
    e.putObject("context").put("eventType", "viewer-request").put("distributionId", "EDFDVBD6EXAMPLE");
    e.putObject("viewer").put("ip", "198.51.100.11");
    ObjectNode r = e.putObject("request");
    r.put("method", "GET");
    r.put("uri", uri);
    ObjectNode qs = r.putObject("querystring");
    query.forEach((name, values) -> {
      ObjectNode q = qs.putObject(name);
      q.put("value", values.get(0));
      if (values.size() > 1) {
        ArrayNode mv = q.putArray("multiValue");
        values.forEach(v -> mv.addObject().put("value", v));
      }
    });
    r.putObject("headers").putObject("host").put("value", host);
    r.putObject("cookies");
    return e;
  }

  private static ObjectNode event(String uri) {
    return event("d111111abcdef8.cloudfront.net", uri, Map.of());
  }

  private List<JsonNode> run(EdgeFunctionCode code, List<ObjectNode> events) throws Exception {
    Path js = dir.resolve("function.js");
    Files.writeString(js, code.source(), StandardCharsets.UTF_8);
    Path in = dir.resolve("events.json");
    JSON.writeValue(in.toFile(), events);
    Process p = new ProcessBuilder(node(), harness().toString(), js.toString(), in.toString())
        .redirectErrorStream(false).start();
    byte[] out = p.getInputStream().readAllBytes();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(err).isZero();
    List<JsonNode> results = new ArrayList<>();
    JSON.readTree(out).forEach(results::add);
    return results;
  }

  private static Path harness() throws URISyntaxException {
    return Path.of(EdgeFunctionCodeTest.class.getResource("/edge/harness.js").toURI());
  }

  private static String uri(JsonNode result) {
    assertThat(result.has("statusCode")).as("a request passed on, not a response: %s", result).isFalse();
    return result.get("uri").asText();
  }

  private static String location(JsonNode result) {
    assertThat(result.path("statusCode").asInt()).as("%s", result).isEqualTo(301);
    assertThat(result.path("statusDescription").asText()).isEqualTo("Moved Permanently");
    return result.at("/headers/location/value").asText();
  }

  @Test
  void spaServesTheRootObjectForPathsWithoutAnExtensionAndLeavesFilesAlone() throws Exception {
    var code = new EdgeFunctionCode(Routing.SPA, "index.html", null, List.of(), Map.of());
    List<JsonNode> r = run(code, List.of(event("/"), event("/about"), event("/users/42/"), event("/docs/getting-started"),
        event("/assets/app.3f2a.js"), event("/missing.png"), event("/favicon.ico"), event("/v1.2/notes")));
    assertThat(r).extracting(EdgeFunctionCodeTest::uri).containsExactly("/index.html", "/index.html", "/index.html",
        "/index.html", "/assets/app.3f2a.js", "/missing.png", "/favicon.ico", "/index.html");
  }

  @Test
  void spaServesTheDefaultRootObjectTheSpecNames() throws Exception {
    var code = new EdgeFunctionCode(Routing.SPA, "app.html", null, List.of(), Map.of());
    assertThat(run(code, List.of(event("/settings"))).get(0).get("uri").asText()).isEqualTo("/app.html");
  }

  @Test
  void prettyUrlsServeTheFoldersIndex() throws Exception {
    var code = new EdgeFunctionCode(Routing.PRETTY_URLS, "index.html", null, List.of(), Map.of());
    List<JsonNode> r = run(code, List.of(event("/"), event("/docs/"), event("/docs"), event("/docs/guide/intro"),
        event("/style.css"), event("/docs/missing.html")));
    assertThat(r).extracting(EdgeFunctionCodeTest::uri).containsExactly("/index.html", "/docs/index.html",
        "/docs/index.html", "/docs/guide/intro/index.html", "/style.css", "/docs/missing.html");
  }

  @Test
  void noRoutingPassesEveryPathOnAsItIs() throws Exception {
    var code = new EdgeFunctionCode(Routing.NONE, "index.html", null, List.of(), Map.of("/old.html", "/new.html"));
    assertThat(run(code, List.of(event("/about"), event("/docs/"))))
        .extracting(EdgeFunctionCodeTest::uri).containsExactly("/about", "/docs/");
  }

  @Test
  void movedPagesAnswer301KeepingTheQueryUnlessTheTargetHasOne() throws Exception {
    var code = new EdgeFunctionCode(Routing.SPA, "index.html", null, List.of(), REDIRECTS);
    Map<String, List<String>> q = new LinkedHashMap<>();
    q.put("utm_source", List.of("news%20letter"));
    q.put("tag", List.of("a", "b"));
    q.put("flag", List.of(""));
    List<JsonNode> r = run(code, List.of(
        event("/old.html"),
        event("d1.cloudfront.net", "/old.html", q),
        event("/x"),
        event("d1.cloudfront.net", "/search", Map.of("q", List.of("shoes"))),
        event("/a\"b\\c"),
        event("/old.html/"),
        event("/constructor"),
        event("/toString")));
    assertThat(location(r.get(0))).isEqualTo("/new.html");
    assertThat(location(r.get(1))).isEqualTo("/new.html?utm_source=news%20letter&tag=a&tag=b&flag");
    assertThat(location(r.get(2))).isEqualTo("https://elsewhere.example.org/");
    assertThat(location(r.get(3))).isEqualTo("/find?from=search");
    assertThat(location(r.get(4))).isEqualTo("/quoted");
    assertThat(r.get(0).at("/headers/cache-control/value").asText()).isEqualTo("max-age=3600");
    // not a redirect key: routed as usual, never confused with what every JavaScript object has
    assertThat(uri(r.get(5))).isEqualTo("/index.html");
    assertThat(uri(r.get(6))).isEqualTo("/index.html");
    assertThat(uri(r.get(7))).isEqualTo("/index.html");
  }

  @Test
  void redirectingNamesGoToTheFirstNameWithPathAndQuery() throws Exception {
    var code = new EdgeFunctionCode(Routing.NONE, "index.html", "www.example.com", List.of("example.com", "old.example.com"),
        Map.of("/old.html", "/new.html"));
    List<JsonNode> r = run(code, List.of(
        event("example.com", "/pricing", Map.of("plan", List.of("pro"))),
        event("EXAMPLE.COM", "/", Map.of()),
        event("old.example.com", "/old.html", Map.of()),
        event("www.example.com", "/pricing", Map.of("plan", List.of("pro"))),
        event("www.example.com", "/old.html", Map.of())));
    assertThat(location(r.get(0))).isEqualTo("https://www.example.com/pricing?plan=pro");
    assertThat(location(r.get(1))).isEqualTo("https://www.example.com/");
    // the name goes first: one hop to the canonical name, whose own redirect follows
    assertThat(location(r.get(2))).isEqualTo("https://www.example.com/old.html");
    assertThat(uri(r.get(3))).isEqualTo("/pricing");
    assertThat(location(r.get(4))).isEqualTo("/new.html");
  }

  /** The spec reader keeps the redirect table within its budget; this is what keeps the code within 10 KB. */
  @Test
  void aFullRedirectTableStaysWithinCloudFrontsTenKilobytes() throws IOException {
    Map<String, String> many = new LinkedHashMap<>();
    int bytes = 0;
    for (int i = 0; bytes < 7 * 1024 - 60; i++) { // RedirectsReader.TABLE_BUDGET
      String from = "/blog/2019/an-old-post-" + i + ".html";
      String to = "/posts/an-old-post-" + i + "/";
      bytes += from.length() + to.length() + 8;
      many.put(from, to);
    }
    var code = new EdgeFunctionCode(Routing.PRETTY_URLS, "index.html", "www.example.com",
        List.of("example.com", "www.example.org", "example.org"), many);
    assertThat(code.source().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(10 * 1024);
  }

  @Test
  void theSameSpecGivesTheSameBytes() {
    var a = new EdgeFunctionCode(Routing.SPA, "index.html", null, List.of(), REDIRECTS);
    var b = new EdgeFunctionCode(Routing.SPA, "index.html", null, List.of(), new LinkedHashMap<>(REDIRECTS));
    assertThat(a.source()).isEqualTo(b.source());
    assertThat(new EdgeFunctionCode(Routing.NONE, "index.html", null, List.of(), Map.of()).needed()).isFalse();
  }
}
