package io.siteform.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siteform.engine.provider.ReadRequest;
import io.siteform.engine.resource.Address;
import io.siteform.providers.aws.s3.S3BucketProvider;
import java.util.Map;

import io.siteform.providers.testing.FaultProxy;
import io.siteform.providers.testing.FaultProxy.Fault;
import io.siteform.providers.testing.MotoExtension;
import io.siteform.providers.testing.MotoServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The one retry policy ({@link AwsClients#retryStrategy}) against answers a network or AWS can
 * give, through {@link FaultProxy}: each is retried and the call returns what AWS holds.
 */
@ExtendWith(MotoExtension.class)
class FaultyAnswersIT {
  MotoServer moto;
  FaultProxy proxy;
  AwsClients aws;

  @BeforeEach
  void setUp(MotoServer moto) {
    this.moto = moto;
    proxy = new FaultProxy(moto.endpoint(), 1_000);
    aws = proxy.newClients();
  }

  @AfterEach
  void tearDown() {
    aws.close();
    proxy.close();
  }

  @ParameterizedTest
  @EnumSource(value = Fault.class, mode = EnumSource.Mode.EXCLUDE, names = {"EMPTY", "EXPIRED_TOKEN", "NO_SUCH_BUCKET"})
  void everyFaultOfOneAnswerIsRetried(Fault fault) {
    aws.s3("eu-west-1").createBucket(b -> b.bucket("faulty").createBucketConfiguration(c -> c.locationConstraint("eu-west-1")));
    proxy.inject(r -> r.service().equals("s3") && r.query().contains("location"), fault, 1);
    int before = proxy.requests();

    String location = aws.s3("eu-west-1").getBucketLocation(b -> b.bucket("faulty")).locationConstraintAsString();

    assertThat(location).isEqualTo("eu-west-1");
    assertThat(proxy.injected(fault)).isEqualTo(1);
    assertThat(proxy.requests() - before).isEqualTo(2);
  }

  /** An answer S3 did not give is never advice: "bucket is in us-east-1: change the spec's region". */
  @ParameterizedTest
  @EnumSource(value = Fault.class, names = {"CUT", "GARBLED", "EMPTY"})
  void aBucketsRegionReadBadlyIsNotTakenForUsEast1(Fault fault) {
    aws.s3("eu-west-1").createBucket(b -> b.bucket("faulty").createBucketConfiguration(c -> c.locationConstraint("eu-west-1")));
    aws.s3("ap-southeast-1").createBucket(b -> b.bucket("elsewhere").createBucketConfiguration(c -> c.locationConstraint("ap-southeast-1")));
    var provider = new S3BucketProvider(aws, Waits.DEFAULTS);
    Address address = Address.parse("s3_bucket.primary");
    proxy.inject(r -> r.service().equals("s3") && r.query().contains("location"), fault, 1);

    assertThat(provider.read(new ReadRequest(address, "eu-west-1", "faulty", Map.of()))).isPresent();
    assertThat(proxy.injected(fault)).isEqualTo(1);
    // A bucket really elsewhere still gets the advice.
    assertThatThrownBy(() -> provider.read(new ReadRequest(address, "eu-west-1", "elsewhere", Map.of())))
        .hasMessageContaining("is in ap-southeast-1, not in eu-west-1");
  }

  /**
   * A body that ends before its Content-Length is a network failure, retried: an object's bytes
   * (the state) are never taken for the whole object, whatever the HTTP client. Apache's fails
   * such a body itself; the JDK's HttpURLConnection handed it on as if whole (AwsClients#http),
   * which WholeAnswers now catches. A cut bucket policy is the test below.
   */
  @org.junit.jupiter.api.Test
  void anAnswerCutShortIsRetriedNotTakenForTheWholeAnswer() {
    var s3 = aws.s3("eu-west-1");
    s3.createBucket(b -> b.bucket("faulty").createBucketConfiguration(c -> c.locationConstraint("eu-west-1")));
    String state = "{\"version\": 4, \"serial\": 7, \"resources\": []}".repeat(40);
    s3.putObject(b -> b.bucket("faulty").key("siteform.tfstate"), software.amazon.awssdk.core.sync.RequestBody.fromString(state));
    proxy.inject(r -> r.service().equals("s3") && r.method().equals("GET") && r.path().endsWith("/siteform.tfstate"), Fault.CUT, 1);
    int before = proxy.requests();

    assertThat(s3.getObjectAsBytes(b -> b.bucket("faulty").key("siteform.tfstate")).asUtf8String()).isEqualTo(state);
    assertThat(proxy.injected(Fault.CUT)).isEqualTo(1);
    assertThat(proxy.requests() - before).isEqualTo(2);
  }

  /**
   * A bucket policy is JSON; the SDK hands its bytes on unparsed, so one cut short (which S3's
   * GetBucketPolicy handler, reading it itself, threw as an UncheckedIOException no retry saw) or
   * damaged into something else (half of it, well framed) is retried like an XML answer that does
   * not parse, not handed to the policy provider as "not JSON" (WholeAnswers).
   */
  @ParameterizedTest
  @EnumSource(value = Fault.class, names = {"CUT", "GARBLED"})
  void aBucketPolicyDamagedOnTheWayIsReadAgain(Fault fault) {
    var s3 = aws.s3("eu-west-1");
    s3.createBucket(b -> b.bucket("faulty").createBucketConfiguration(c -> c.locationConstraint("eu-west-1")));
    String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Principal\":{\"Service\":\"cloudfront.amazonaws.com\"},\"Action\":\"s3:GetObject\","
        + "\"Resource\":\"arn:aws:s3:::faulty/*\"}]}";
    s3.putBucketPolicy(b -> b.bucket("faulty").policy(policy));
    proxy.inject(r -> r.service().equals("s3") && r.method().equals("GET") && r.query().startsWith("policy"), fault, 1);
    int before = proxy.requests();

    assertThat(s3.getBucketPolicy(b -> b.bucket("faulty")).policy()).isEqualTo(policy);
    assertThat(proxy.injected(fault)).isEqualTo(1);
    assertThat(proxy.requests() - before).isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(value = Fault.class, mode = EnumSource.Mode.EXCLUDE, names = {"EMPTY", "EXPIRED_TOKEN", "NO_SUCH_BUCKET"})
  void everyServiceParsesTheFaultsAnswers(Fault fault) {
    for (String service : java.util.List.of("iam", "route53", "cloudfront", "acm")) {
      proxy.inject(r -> r.service().equals(service), fault, 1);
    }
    aws.iam().listRoles();
    aws.route53().listHostedZones();
    aws.cloudFront().listDistributions();
    aws.acm().listCertificates();
    assertThat(proxy.injected(fault)).isEqualTo(4);
    assertThat(proxy.requests()).isEqualTo(8);
  }
}
