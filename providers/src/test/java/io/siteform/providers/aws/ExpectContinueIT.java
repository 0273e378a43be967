package io.siteform.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.siteform.providers.testing.FaultProxy;
import io.siteform.providers.testing.FaultProxy.Seen;
import io.siteform.providers.testing.MotoExtension;
import io.siteform.providers.testing.MotoServer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Which requests wait a round trip for AWS's {@code 100 Continue} before sending their body
 * (S3 API reference, PutObject, "Expect: 100-continue"): only a body as large as a multipart
 * part, where not sending it to a refusal saves more than the round trip costs. Every other
 * request with a body (a site file's PutObject, IAM's and ACM's reads, which are POSTs) sends it
 * at once: against AWS the go-ahead costs a whole round trip per request, as much as the request.
 * Seen through {@link FaultProxy}, which records each request's headers.
 */
@ExtendWith(MotoExtension.class)
class ExpectContinueIT {
  private static final String REGION = "eu-west-1";
  FaultProxy proxy;
  AwsClients aws;

  @BeforeEach
  void setUp(MotoServer moto) {
    proxy = new FaultProxy(moto.endpoint(), 100);
    aws = proxy.newClients();
  }

  @AfterEach
  void tearDown() {
    aws.close();
    proxy.close();
  }

  @Test
  void aSmallBodyIsSentWithoutWaitingForTheGoAhead() {
    aws.s3(REGION).createBucket(b -> b.bucket("expect").createBucketConfiguration(c -> c.locationConstraint(REGION)));
    aws.s3(REGION).putObject(b -> b.bucket("expect").key("index.html").contentType("text/html"),
        RequestBody.fromString("<p>hello</p>"));
    aws.iam().listRoles();
    aws.acm("us-east-1").listCertificates();

    List<Seen> withBody = proxy.seen().stream()
        .filter(s -> s.request().method().equals("PUT") || s.request().method().equals("POST")).toList();
    assertThat(withBody).extracting(s -> s.request().service()).contains("s3", "iam", "acm");
    assertThat(withBody).allSatisfy(s -> assertThat(s.request().headers()).doesNotContainKey("expect"));
  }

  @Test
  void aBodyAsLargeAsAPartStillWaitsForIt() {
    aws.s3(REGION).createBucket(b -> b.bucket("expect").createBucketConfiguration(c -> c.locationConstraint(REGION)));
    aws.s3(REGION).putObject(b -> b.bucket("expect").key("big.bin"),
        RequestBody.fromBytes(new byte[(int) AwsClients.EXPECT_CONTINUE_FROM]));

    Seen put = proxy.seen().stream().filter(s -> s.request().method().equals("PUT")
        && s.request().path().endsWith("/big.bin")).findFirst().orElseThrow();
    assertThat(put.request().headers()).containsEntry("expect", "100-continue");
    assertThat(aws.s3(REGION).headObject(b -> b.bucket("expect").key("big.bin")).contentLength())
        .isEqualTo(AwsClients.EXPECT_CONTINUE_FROM);
  }
}
