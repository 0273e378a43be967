package io.siteform.providers.aws.cloudfront;

import static io.siteform.providers.aws.AwsFailures.is;

import io.siteform.engine.provider.CreateRequest;
import io.siteform.engine.provider.DeleteRequest;
import io.siteform.engine.provider.LiveResource;
import io.siteform.engine.provider.Progress;
import io.siteform.engine.provider.Provider;
import io.siteform.engine.provider.ReadRequest;
import io.siteform.engine.provider.ResourceSchema;
import io.siteform.engine.provider.Schemas;
import io.siteform.engine.provider.UpdateRequest;
import io.siteform.engine.resource.Address;
import io.siteform.error.Operation;
import io.siteform.error.ProviderException;
import io.siteform.providers.aws.AwsClients;
import io.siteform.providers.aws.AwsFailures;
import io.siteform.providers.aws.Poller;
import io.siteform.providers.aws.Waits;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicy;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicyConfig;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicyCustomHeader;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicySecurityHeadersConfig;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicyType;

/**
 * {@code cloudfront_response_headers_policy}: the security headers of {@code cdn.security_headers}
 * written as a map, which the distribution's default behaviour names by id. CloudFront is
 * global, so the request's region is ignored.
 *
 * <p>Attributes: {@code name}, {@code comment}, {@code hsts} ({@code max_age}, {@code
 * include_subdomains}, {@code preload}; {} for none), {@code content_security_policy}, {@code
 * frame_options}, {@code referrer_policy} ("" for none), {@code content_type_options}, {@code
 * custom_headers} (name to value). Every header overrides what the origin sends. Anything else
 * in the policy (CORS, server timing, headers to remove) is not siteform's: an update keeps it.
 *
 * <p>A retried create finds what an earlier attempt made by its name, which CloudFront keeps
 * unique in the account, and brings it to the spec. Updates and deletes send the ETag of a fresh
 * GetResponseHeadersPolicyConfig in If-Match and start again if another writer got in between
 * (PreconditionFailed). A delete waits, for a bounded time, while a distribution still names the
 * policy: the update that lets go of it may still be deploying.
 */
public final class CloudFrontResponseHeadersPolicyProvider implements Provider {
  public static final String TYPE = "cloudfront_response_headers_policy";

  private final AwsClients clients;
  private final Poller poller;

  public CloudFrontResponseHeadersPolicyProvider(AwsClients clients, Waits waits) {
    this(clients, new Poller(waits));
  }

  public CloudFrontResponseHeadersPolicyProvider(AwsClients clients, Poller poller) {
    this.clients = Objects.requireNonNull(clients, "clients");
    this.poller = Objects.requireNonNull(poller, "poller");
  }

  @Override
  public ResourceSchema schema() {
    return Schemas.CLOUDFRONT_RESPONSE_HEADERS_POLICY;
  }

  @Override
  public Optional<LiveResource> read(ReadRequest request) {
    try {
      ResponseHeadersPolicy p = clients.cloudFront().getResponseHeadersPolicy(b -> b.id(request.id())).responseHeadersPolicy();
      return Optional.of(live(p.id(), p.responseHeadersPolicyConfig()));
    } catch (SdkException e) {
      if (is(e, "NoSuchResponseHeadersPolicy")) return Optional.empty();
      throw AwsFailures.wrap(request.address(), Operation.READ, e);
    }
  }

  @Override
  public LiveResource create(CreateRequest request) {
    Address address = request.address();
    CloudFrontClient cf = clients.cloudFront();
    ResponseHeadersPolicyConfig config = config(ResponseHeadersPolicyConfig.builder().build(), request.desired());
    try {
      ResponseHeadersPolicy p = cf.createResponseHeadersPolicy(b -> b.responseHeadersPolicyConfig(config))
          .responseHeadersPolicy();
      return live(p.id(), p.responseHeadersPolicyConfig());
    } catch (SdkException e) {
      if (!is(e, "ResponseHeadersPolicyAlreadyExists")) throw AwsFailures.wrap(address, Operation.CREATE, e);
    }
    // An earlier attempt (an apply killed before it wrote state) made it: adopt it.
    String id = AwsFailures.call(address, Operation.CREATE, () -> byName(cf, config.name()))
        .orElseThrow(() -> new ProviderException(address.toString(), Operation.CREATE,
            "CloudFront says a response headers policy named " + config.name()
                + " exists but does not list it; try again in a minute"));
    request.progress().report("adopting the existing response headers policy " + config.name() + " (" + id + ")");
    return write(address, Operation.CREATE, id, request.desired());
  }

  /** The custom policy named {@code name}, if the account has one. */
  static Optional<String> byName(CloudFrontClient cf, String name) {
    String marker = null;
    do {
      String m = marker;
      var list = cf.listResponseHeadersPolicies(b -> b.type(ResponseHeadersPolicyType.CUSTOM).marker(m))
          .responseHeadersPolicyList();
      for (var s : list.items()) {
        if (name.equals(s.responseHeadersPolicy().responseHeadersPolicyConfig().name())) {
          return Optional.of(s.responseHeadersPolicy().id());
        }
      }
      marker = list.nextMarker() == null || list.nextMarker().isEmpty() ? null : list.nextMarker();
    } while (marker != null);
    return Optional.empty();
  }

  @Override
  public LiveResource update(UpdateRequest request) {
    return write(request.address(), Operation.UPDATE, request.id(), request.desired());
  }

  private LiveResource write(Address address, Operation operation, String id, Map<String, Object> desired) {
    CloudFrontClient cf = clients.cloudFront();
    try {
      ResponseHeadersPolicy p = poller.retryWhen(address, operation, Progress.NONE, Waits.CONCURRENT_MODIFICATION,
          "response headers policy " + id + " to stop changing", e -> is(e, "PreconditionFailed"), () -> {
            var current = cf.getResponseHeadersPolicyConfig(b -> b.id(id));
            ResponseHeadersPolicyConfig next = config(current.responseHeadersPolicyConfig(), desired);
            return cf.updateResponseHeadersPolicy(b -> b.id(id).ifMatch(current.eTag()).responseHeadersPolicyConfig(next))
                .responseHeadersPolicy();
          });
      return live(p.id(), p.responseHeadersPolicyConfig());
    } catch (SdkException e) {
      throw AwsFailures.wrap(address, operation, e);
    }
  }

  @Override
  public void delete(DeleteRequest request) {
    Address address = request.address();
    String id = request.id();
    CloudFrontClient cf = clients.cloudFront();
    String what = "response headers policy " + id;
    try {
      poller.retryWhen(address, Operation.DELETE, request.progress(), poller.waits().patient(),
          "the distribution to stop using " + what, e -> is(e, "ResponseHeadersPolicyInUse"),
          () -> poller.retryWhen(address, Operation.DELETE, request.progress(), Waits.CONCURRENT_MODIFICATION,
              what + " to stop changing", e -> is(e, "PreconditionFailed"), () -> {
                String etag = cf.getResponseHeadersPolicyConfig(b -> b.id(id)).eTag();
                cf.deleteResponseHeadersPolicy(b -> b.id(id).ifMatch(etag));
              }));
    } catch (SdkException e) {
      if (is(e, "NoSuchResponseHeadersPolicy")) return;
      if (is(e, "ResponseHeadersPolicyInUse")) {
        ProviderException wrapped = AwsFailures.wrap(address, Operation.DELETE, e);
        throw new ProviderException(address.toString(), Operation.DELETE, what + " is still named by a cache behaviour"
            + " of a distribution: point the behaviour at another policy (or none) before deleting it",
            wrapped.errorCode().orElse(null), wrapped.requestId().orElse(null), e);
      }
      throw AwsFailures.wrap(address, Operation.DELETE, e);
    }
  }

  /** {@code base} with the settings siteform manages as {@code desired} says; the rest kept. */
  static ResponseHeadersPolicyConfig config(ResponseHeadersPolicyConfig base, Map<String, Object> desired) {
    Map<?, ?> hsts = desired.get("hsts") instanceof Map<?, ?> m ? m : Map.of();
    String csp = string(desired, "content_security_policy");
    String frame = string(desired, "frame_options");
    String referrer = string(desired, "referrer_policy");
    var security = ResponseHeadersPolicySecurityHeadersConfig.builder();
    if (!hsts.isEmpty()) {
      security.strictTransportSecurity(h -> h.override(true)
          .accessControlMaxAgeSec(Math.toIntExact(((Number) hsts.get("max_age")).longValue()))
          .includeSubdomains(Boolean.TRUE.equals(hsts.get("include_subdomains")))
          .preload(Boolean.TRUE.equals(hsts.get("preload"))));
    }
    if (!csp.isEmpty()) security.contentSecurityPolicy(h -> h.override(true).contentSecurityPolicy(csp));
    if (!frame.isEmpty()) security.frameOptions(h -> h.override(true).frameOption(frame));
    if (!referrer.isEmpty()) security.referrerPolicy(h -> h.override(true).referrerPolicy(referrer));
    if (Boolean.TRUE.equals(desired.get("content_type_options"))) security.contentTypeOptions(h -> h.override(true));
    List<ResponseHeadersPolicyCustomHeader> custom = new TreeMap<>(
        desired.get("custom_headers") instanceof Map<?, ?> m ? m : Map.of()).entrySet().stream()
        .map(e -> ResponseHeadersPolicyCustomHeader.builder().header(String.valueOf(e.getKey()))
            .value(String.valueOf(e.getValue())).override(true).build())
        .toList();
    return base.toBuilder()
        .name(string(desired, "name"))
        .comment(string(desired, "comment"))
        .securityHeadersConfig(security.build())
        .customHeadersConfig(c -> c.quantity(custom.size()).items(custom))
        .build();
  }

  /** A policy in the shape the expander writes the desired one. */
  static LiveResource live(String id, ResponseHeadersPolicyConfig c) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("name", text(c.name()));
    a.put("comment", text(c.comment()));
    var s = c.securityHeadersConfig();
    Map<String, Object> hsts = new LinkedHashMap<>();
    if (s != null && s.strictTransportSecurity() != null) {
      var h = s.strictTransportSecurity();
      hsts.put("include_subdomains", Boolean.TRUE.equals(h.includeSubdomains()));
      hsts.put("max_age", h.accessControlMaxAgeSec() == null ? 0L : h.accessControlMaxAgeSec().longValue());
      hsts.put("preload", Boolean.TRUE.equals(h.preload()));
    }
    a.put("hsts", hsts);
    a.put("content_security_policy", s == null || s.contentSecurityPolicy() == null ? ""
        : text(s.contentSecurityPolicy().contentSecurityPolicy()));
    a.put("frame_options", s == null || s.frameOptions() == null ? "" : text(s.frameOptions().frameOptionAsString()));
    a.put("referrer_policy", s == null || s.referrerPolicy() == null ? ""
        : text(s.referrerPolicy().referrerPolicyAsString()));
    a.put("content_type_options", s != null && s.contentTypeOptions() != null);
    Map<String, Object> custom = new TreeMap<>();
    if (c.customHeadersConfig() != null) {
      c.customHeadersConfig().items().forEach(h -> custom.put(text(h.header()), text(h.value())));
    }
    a.put("custom_headers", custom);
    return new LiveResource(id, a);
  }

  private static String string(Map<String, Object> d, String key) {
    Object v = d.get(key);
    return v == null ? "" : String.valueOf(v);
  }

  private static String text(String s) {
    return s == null ? "" : s;
  }
}
