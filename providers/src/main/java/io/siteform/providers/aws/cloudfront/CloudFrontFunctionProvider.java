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
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.FunctionConfig;
import software.amazon.awssdk.services.cloudfront.model.FunctionStage;
import software.amazon.awssdk.services.cloudfront.model.FunctionSummary;

/**
 * {@code cloudfront_function}: the site's viewer-request function. The id is its name, which
 * CloudFront keys functions by; CloudFront is global, so the request's region is ignored.
 *
 * <p>Attributes: {@code name}, {@code comment}, {@code runtime} ({@code cloudfront-js-2.0}),
 * {@code code}; computed: {@code arn}, what a cache behaviour's FunctionAssociations name. What is
 * read is the LIVE stage, the code viewers' requests run: a function never published (a create
 * cut short before its publish) reads with empty code, so the plan updates and publishes it.
 *
 * <p>A create makes the DEVELOPMENT stage and publishes it to LIVE at once, since a distribution
 * can only be associated with a published function; a retried create that finds the name taken
 * (FunctionAlreadyExists) adopts the function and updates it. An update writes DEVELOPMENT and
 * publishes it; the ARN stays, so the distribution runs the new code without being touched.
 * Every write sends the ETag of a fresh DescribeFunction in If-Match and starts again on
 * PreconditionFailed. A delete waits, bounded, while a distribution still names the function
 * (FunctionInUse): the update that lets go of it may still be deploying.
 */
public final class CloudFrontFunctionProvider implements Provider {
  public static final String TYPE = "cloudfront_function";

  private final AwsClients clients;
  private final Poller poller;

  public CloudFrontFunctionProvider(AwsClients clients, Waits waits) {
    this(clients, new Poller(waits));
  }

  public CloudFrontFunctionProvider(AwsClients clients, Poller poller) {
    this.clients = Objects.requireNonNull(clients, "clients");
    this.poller = Objects.requireNonNull(poller, "poller");
  }

  @Override
  public ResourceSchema schema() {
    return Schemas.CLOUDFRONT_FUNCTION;
  }

  @Override
  public Optional<LiveResource> read(ReadRequest request) {
    return find(request.address(), request.id(), Operation.READ);
  }

  private Optional<LiveResource> find(Address address, String name, Operation operation) {
    CloudFrontClient cf = clients.cloudFront();
    try {
      FunctionSummary live;
      String code;
      try {
        live = cf.describeFunction(b -> b.name(name).stage(FunctionStage.LIVE)).functionSummary();
        code = cf.getFunction(b -> b.name(name).stage(FunctionStage.LIVE)).functionCode().asUtf8String();
      } catch (SdkException e) {
        if (!is(e, "NoSuchFunctionExists")) throw e;
        // Never published, or no function at all.
        live = cf.describeFunction(b -> b.name(name).stage(FunctionStage.DEVELOPMENT)).functionSummary();
        code = "";
      }
      return Optional.of(live(live, code));
    } catch (SdkException e) {
      if (is(e, "NoSuchFunctionExists")) return Optional.empty();
      throw AwsFailures.wrap(address, operation, e);
    }
  }

  private static LiveResource live(FunctionSummary s, String code) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("name", text(s.name()));
    a.put("comment", s.functionConfig() == null ? "" : text(s.functionConfig().comment()));
    a.put("runtime", s.functionConfig() == null ? "" : text(s.functionConfig().runtimeAsString()));
    a.put("code", code);
    a.put("arn", s.functionMetadata() == null ? "" : text(s.functionMetadata().functionARN()));
    return new LiveResource(s.name(), a);
  }

  @Override
  public LiveResource create(CreateRequest request) {
    Address address = request.address();
    Map<String, Object> d = request.desired();
    String name = string(d, "name");
    CloudFrontClient cf = clients.cloudFront();
    try {
      cf.createFunction(b -> b.name(name).functionConfig(config(d)).functionCode(code(d)));
    } catch (SdkException e) {
      if (!is(e, "FunctionAlreadyExists")) throw AwsFailures.wrap(address, Operation.CREATE, e);
      // An earlier attempt (an apply killed before it wrote state) made it: adopt it.
      request.progress().report("adopting the existing function " + name);
      return write(address, Operation.CREATE, name, d, request.progress());
    }
    // Recorded before the publish: a failure there leaves a function the next run finds.
    request.checkpoint().reached(new LiveResource(name, Map.of("name", name)));
    return publish(address, Operation.CREATE, name, request.progress());
  }

  @Override
  public LiveResource update(UpdateRequest request) {
    return write(request.address(), Operation.UPDATE, request.id(), request.desired(), request.progress());
  }

  /** Writes {@code desired} onto the DEVELOPMENT stage of function {@code name} and publishes it. */
  private LiveResource write(Address address, Operation operation, String name, Map<String, Object> desired,
      Progress progress) {
    CloudFrontClient cf = clients.cloudFront();
    try {
      poller.retryWhen(address, operation, progress, Waits.CONCURRENT_MODIFICATION,
          "function " + name + " to stop changing", e -> is(e, "PreconditionFailed"), () -> {
            String etag = cf.describeFunction(b -> b.name(name).stage(FunctionStage.DEVELOPMENT)).eTag();
            cf.updateFunction(b -> b.name(name).ifMatch(etag).functionConfig(config(desired)).functionCode(code(desired)));
          });
    } catch (SdkException e) {
      throw AwsFailures.wrap(address, operation, e);
    }
    return publish(address, operation, name, progress);
  }

  /** Copies DEVELOPMENT to LIVE: what viewers' requests run. */
  private LiveResource publish(Address address, Operation operation, String name, Progress progress) {
    CloudFrontClient cf = clients.cloudFront();
    try {
      poller.retryWhen(address, operation, progress, Waits.CONCURRENT_MODIFICATION,
          "function " + name + " to stop changing", e -> is(e, "PreconditionFailed"), () -> {
            String etag = cf.describeFunction(b -> b.name(name).stage(FunctionStage.DEVELOPMENT)).eTag();
            cf.publishFunction(b -> b.name(name).ifMatch(etag));
          });
    } catch (SdkException e) {
      throw AwsFailures.wrap(address, operation, e);
    }
    return find(address, name, operation).orElseThrow(() -> new ProviderException(address.toString(), operation,
        "function " + name + " disappeared right after it was published"));
  }

  @Override
  public void delete(DeleteRequest request) {
    Address address = request.address();
    String name = request.id();
    CloudFrontClient cf = clients.cloudFront();
    try {
      poller.retryWhen(address, Operation.DELETE, request.progress(), poller.waits().patient(),
          "the distribution to stop using function " + name, e -> is(e, "FunctionInUse"),
          () -> poller.retryWhen(address, Operation.DELETE, request.progress(), Waits.CONCURRENT_MODIFICATION,
              "function " + name + " to stop changing", e -> is(e, "PreconditionFailed"), () -> {
                String etag = cf.describeFunction(b -> b.name(name).stage(FunctionStage.DEVELOPMENT)).eTag();
                cf.deleteFunction(b -> b.name(name).ifMatch(etag));
              }));
    } catch (SdkException e) {
      if (is(e, "NoSuchFunctionExists")) return;
      if (is(e, "FunctionInUse")) {
        ProviderException wrapped = AwsFailures.wrap(address, Operation.DELETE, e);
        throw new ProviderException(address.toString(), Operation.DELETE, "function " + name + " is still associated"
            + " with a cache behaviour of a distribution: remove the association (and wait for the distribution"
            + " to deploy) before deleting it", wrapped.errorCode().orElse(null), wrapped.requestId().orElse(null), e);
      }
      throw AwsFailures.wrap(address, Operation.DELETE, e);
    }
  }

  private static FunctionConfig config(Map<String, Object> d) {
    return FunctionConfig.builder().comment(string(d, "comment")).runtime(string(d, "runtime")).build();
  }

  private static SdkBytes code(Map<String, Object> d) {
    return SdkBytes.fromString(string(d, "code"), StandardCharsets.UTF_8);
  }

  private static String string(Map<String, Object> d, String key) {
    Object v = d.get(key);
    return v == null ? "" : String.valueOf(v);
  }

  private static String text(String s) {
    return s == null ? "" : s;
  }
}
