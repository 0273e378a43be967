package io.siteform.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every command takes, before or after the command name. */
public final class GlobalOptions {
  @Option(names = {"-f", "--file"}, paramLabel = "FILE", scope = ScopeType.INHERIT,
      description = "The spec (default: ${DEFAULT-VALUE}).", defaultValue = "siteform.yaml")
  Path file;

  @Option(names = "--var", paramLabel = "NAME=VALUE", scope = ScopeType.INHERIT,
      description = "Set a variable of the spec; repeatable. Also SITEFORM_VAR_NAME.")
  Map<String, String> vars = new LinkedHashMap<>();

  @Option(names = "--endpoint-url", paramLabel = "URL", scope = ScopeType.INHERIT,
      description = "Send every AWS call to this endpoint (a local emulator). Also AWS_ENDPOINT_URL.")
  String endpointUrl;

  @Option(names = "--profile", paramLabel = "PROFILE", scope = ScopeType.INHERIT,
      description = "The AWS profile to take credentials from (default: the SDK's default chain).")
  String profile;

  @Option(names = "--no-color", scope = ScopeType.INHERIT, description = "No colours. Also NO_COLOR.")
  boolean noColor;

  @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Show stack traces of errors.")
  boolean debug;

  @Option(names = "--stats", scope = ScopeType.INHERIT,
      description = "At the end, print where the time went (phases, each resource's refresh, AWS requests per service)"
          + " to stderr. Also SITEFORM_TRACE=1.")
  boolean stats;

  @Option(names = "--reassign-state", scope = ScopeType.INHERIT,
      description = "Let this spec take over a state recorded for another site (its name differs from site.name).")
  boolean reassignState;

  /** The command line as given, for hints that repeat it. */
  java.util.List<String> args = java.util.List.of();

  Optional<URI> endpoint(Map<String, String> env) {
    String url = endpointUrl != null ? endpointUrl : env.get("AWS_ENDPOINT_URL");
    if (url == null || url.isBlank()) return Optional.empty();
    String what = endpointUrl != null ? "--endpoint-url" : "AWS_ENDPOINT_URL";
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (java.net.URISyntaxException e) {
      uri = null;
    }
    if (uri == null || uri.getScheme() == null || uri.getHost() == null
        || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
      throw new io.siteform.error.UsageException(what + " must be a URL such as http://127.0.0.1:5000, not '" + url + "'");
    }
    return Optional.of(uri);
  }
}
