package io.siteform.providers.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siteform.providers.aws.AwsClients;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.DomainValidation;
import software.amazon.awssdk.services.acm.model.KeyAlgorithm;
import software.amazon.awssdk.services.acm.model.ResourceRecord;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.cloudfront.model.GetDistributionConfigResponse;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The launcher's patches for AWS's untidy behaviours are needed and work: armed (or, for the
 * always-on ones, applied) the raw SDK sees what AWS answers; disarmed (or on a launcher started
 * {@code --without} the patch) it sees moto's tidy answer. The armable ones are proved on the
 * shared server, so only the always-on patch starts a launcher of its own.
 */
@ExtendWith(MotoExtension.class)
class UntidyPatchesIT {
  private static final String REGION = "eu-west-1";
  private static final String REPLICA_REGION = "ap-southeast-1";
  private static final String ROLE_POLICY =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";

  private final MotoServer moto;

  UntidyPatchesIT(MotoServer moto) {
    this.moto = moto;
  }

  /** The AWS error code and HTTP status {@code call} answers, or empty if it succeeds. */
  private static Optional<String> error(Runnable call) {
    try {
      call.run();
      return Optional.empty();
    } catch (AwsServiceException e) {
      return Optional.of(e.statusCode() + " " + e.awsErrorDetails().errorCode());
    }
  }

  // --- arming ---

  @Test
  void behavioursAreArmedByNameOrAllAndResetPutsBackWhatTheLauncherStartedWith() {
    assertThat(moto.untidyArmed()).isEmpty();
    assertThat(moto.untidyKnown()).contains("s3_bucket_propagation", "route53_throttling", "iam_role_propagation")
        .doesNotContain("acm_key_algorithm", "acm_validation_record_stable", "s3_sse_kms_etag");

    moto.untidy("s3_bucket_propagation", "iam_role_propagation");
    assertThat(moto.untidyArmed()).containsExactly("iam_role_propagation", "s3_bucket_propagation");
    moto.untidy("all");
    assertThat(moto.untidyArmed()).isEqualTo(moto.untidyKnown());
    moto.untidy();
    assertThat(moto.untidyArmed()).isEmpty();
    assertThatThrownBy(() -> moto.untidy("s3_bucket_propagation", "no_such_behaviour"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("no_such_behaviour");
    assertThat(moto.untidyArmed()).as("a refused request arms nothing").isEmpty();

    moto.untidy("all");
    moto.reset();
    assertThat(moto.untidyArmed()).isEmpty();
  }

  @Test
  void theLaunchersUntidyAndReplicationFlagsHoldFromTheStartAndListNeedsNoPort() throws IOException, InterruptedException {
    try (MotoServer started = MotoServer.start("--untidy", "iam_role_propagation", "--untidy", "route53_throttling",
        "--replication-seconds", "1.5")) {
      assertThat(started.untidyArmed()).containsExactly("iam_role_propagation", "route53_throttling");
      assertThat(started.replicationSecondsNow()).isEqualTo(1.5);
      started.untidy();
      started.replicationSeconds(0);
      started.reset();
      assertThat(started.untidyArmed()).containsExactly("iam_role_propagation", "route53_throttling");
      assertThat(started.replicationSecondsNow()).isEqualTo(1.5);
    }

    String python = Optional.ofNullable(System.getenv("SITEFORM_PYTHON")).filter(s -> !s.isBlank()).orElse("python3");
    Process list = new ProcessBuilder(python, MotoServer.launcherPath().toString(), "--list").redirectErrorStream(true).start();
    String out = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(list.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(list.exitValue()).as(out).isZero();
    assertThat(out.lines()).contains("s3_bucket_propagation", "s3_sse_kms_etag").doesNotContain("_untidy");

    Process refused = new ProcessBuilder(python, MotoServer.launcherPath().toString(), "--port", "0",
        "--replication-seconds", "-1").redirectErrorStream(true).start();
    String why = new String(refused.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(refused.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(refused.exitValue()).as(why).isEqualTo(2);
    assertThat(why).contains("replication_seconds");
  }

  /** Marks are counted per resource and forgotten by moto's reset, arming or not. */
  @Test
  void motosResetForgetsWhatTheBehavioursCounted() {
    try (AwsClients clients = moto.newClients()) {
      S3Client s3 = clients.s3(REGION);
      moto.untidy("s3_create_bucket_operation_aborted");
      createBucket(s3, "gone", REGION);
      s3.deleteBucket(b -> b.bucket("gone"));
      moto.reset();
      moto.untidy("s3_create_bucket_operation_aborted");
      assertThat(error(() -> createBucket(s3, "gone", REGION))).isEmpty();
    }
  }

  // --- S3 ---

  private static void createBucket(S3Client s3, String name, String region) {
    s3.createBucket(b -> b.bucket(name).createBucketConfiguration(c -> c.locationConstraint(region)));
  }

  /** https://docs.aws.amazon.com/AmazonS3/latest/userguide/Welcome.html#ConsistencyModel; hashicorp s3/bucket.go */
  @Test
  void aBucketsFirstConfigurationCallRightAfterCreateAnswersNoSuchBucketOnce() {
    moto.proveUntidy("s3_bucket_propagation",
        clients -> {
          S3Client s3 = clients.s3(REGION);
          createBucket(s3, "fresh", REGION);
          assertThat(error(() -> s3.putBucketVersioning(b -> b.bucket("fresh").versioningConfiguration(v -> v.status("Enabled")))))
              .contains("404 NoSuchBucket");
          s3.putBucketVersioning(b -> b.bucket("fresh").versioningConfiguration(v -> v.status("Enabled")));
          s3.putPublicAccessBlock(b -> b.bucket("fresh").publicAccessBlockConfiguration(p -> p.blockPublicAcls(true)));
          createBucket(s3, "read-first", REGION);
          assertThat(error(() -> s3.getBucketTagging(b -> b.bucket("read-first")))).contains("404 NoSuchBucket");
          assertThat(error(() -> s3.getBucketEncryption(b -> b.bucket("read-first")))).isEmpty();
        },
        clients -> {
          S3Client s3 = clients.s3(REGION);
          createBucket(s3, "fresh", REGION);
          assertThat(error(() -> s3.putBucketVersioning(b -> b.bucket("fresh").versioningConfiguration(v -> v.status("Enabled")))))
              .isEmpty();
        });
  }

  /** https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html (OperationAborted); hashicorp s3/bucket.go */
  @Test
  void creatingANameJustDeletedAnswersOperationAbortedOnce() {
    moto.proveUntidy("s3_create_bucket_operation_aborted",
        clients -> {
          S3Client s3 = clients.s3(REGION);
          createBucket(s3, "reused", REGION);
          s3.deleteBucket(b -> b.bucket("reused"));
          assertThatThrownBy(() -> createBucket(s3, "reused", REGION))
              .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(409);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("OperationAborted");
                assertThat(e.awsErrorDetails().errorMessage())
                    .isEqualTo("A conflicting conditional operation is currently in progress against this resource. Please try again.");
              });
          createBucket(s3, "reused", REGION);
          assertThat(s3.headBucket(b -> b.bucket("reused")).sdkHttpResponse().isSuccessful()).isTrue();
        },
        clients -> {
          S3Client s3 = clients.s3(REGION);
          createBucket(s3, "reused", REGION);
          s3.deleteBucket(b -> b.bucket("reused"));
          assertThat(error(() -> createBucket(s3, "reused", REGION))).isEmpty();
        });
  }

  private static void versionedPair(AwsClients clients) {
    S3Client s3 = clients.s3(REGION);
    S3Client replica = clients.s3(REPLICA_REGION);
    createBucket(s3, "src", REGION);
    createBucket(replica, "dst", REPLICA_REGION);
    s3.putBucketVersioning(b -> b.bucket("src").versioningConfiguration(v -> v.status("Enabled")));
    replica.putBucketVersioning(b -> b.bucket("dst").versioningConfiguration(v -> v.status("Enabled")));
  }

  private static void replicate(S3Client s3) {
    s3.putBucketReplication(b -> b.bucket("src").replicationConfiguration(c -> c
        .role("arn:aws:iam::123456789012:role/crr")
        .rules(r -> r.id("all").priority(1).status("Enabled").filter(f -> f.prefix(""))
            .deleteMarkerReplication(m -> m.status("Disabled"))
            .destination(d -> d.bucket("arn:aws:s3:::dst")))));
  }

  /** https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketReplication.html; hashicorp s3/bucket_replication_configuration.go */
  @Test
  void replicationRightAfterVersioningWasEnabledAnswersInvalidRequestOnce() {
    moto.proveUntidy("s3_replication_versioning_propagation",
        clients -> {
          versionedPair(clients);
          S3Client s3 = clients.s3(REGION);
          assertThatThrownBy(() -> replicate(s3)).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRequest");
            assertThat(e.awsErrorDetails().errorMessage()).contains("Versioning must be 'Enabled' on the bucket");
          });
          replicate(s3);
          assertThat(s3.getBucketReplication(b -> b.bucket("src")).replicationConfiguration().rules()).hasSize(1);
        },
        clients -> {
          versionedPair(clients);
          assertThat(error(() -> replicate(clients.s3(REGION)))).isEmpty();
        });
  }

  private static String md5(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The ETag of "page" in a bucket with aws:kms default encryption, as PutObject, HeadObject, GetObject and ListObjectsV2 answer it. */
  private static List<String> kmsEtags(AwsClients clients) {
    S3Client s3 = clients.s3(REGION);
    createBucket(s3, "sealed", REGION);
    s3.putBucketEncryption(b -> b.bucket("sealed").serverSideEncryptionConfiguration(c -> c
        .rules(r -> r.applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AWS_KMS)))));
    List<String> etags = new ArrayList<>();
    etags.add(s3.putObject(b -> b.bucket("sealed").key("page"), RequestBody.fromString("hello")).eTag());
    etags.add(s3.headObject(b -> b.bucket("sealed").key("page")).eTag());
    etags.add(s3.getObjectAsBytes(b -> b.bucket("sealed").key("page")).response().eTag());
    etags.add(s3.listObjectsV2(b -> b.bucket("sealed")).contents().get(0).eTag());
    return etags;
  }

  /** https://docs.aws.amazon.com/AmazonS3/latest/API/RESTCommonResponseHeaders.html (ETag) */
  @Test
  void anObjectStoredWithSseKmsHasAnEtagThatIsNotItsMd5() {
    String md5 = "\"" + md5("hello") + "\"";
    moto.provePatch("s3_sse_kms_etag",
        clients -> {
          List<String> etags = kmsEtags(clients);
          assertThat(etags.get(0)).matches("\"[0-9a-f]{32}\"").isNotEqualTo(md5);
          assertThat(etags).as("every read agrees with the write").containsOnly(etags.get(0));
          // Requested on the write, in a bucket without KMS default: the same.
          S3Client s3 = clients.s3(REGION);
          createBucket(s3, "plain", REGION);
          assertThat(s3.putObject(b -> b.bucket("plain").key("k").serverSideEncryption(ServerSideEncryption.AWS_KMS),
              RequestBody.fromString("hello")).eTag()).isNotEqualTo(md5);
          // SSE-S3 keeps the MD5.
          assertThat(s3.putObject(b -> b.bucket("plain").key("s3"), RequestBody.fromString("hello")).eTag()).isEqualTo(md5);
        },
        clients -> assertThat(kmsEtags(clients)).containsOnly(md5));
  }

  // --- IAM ---

  /** https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_general.html; hashicorp iam/role.go */
  @Test
  void aRoleJustCreatedIsNotFoundThenReadsItsUniqueIdAsArnAndJustStrippedOfAPolicyCannotBeDeleted() {
    Function<IamClient, Role> create = iam -> iam.createRole(b -> b.roleName("crr").assumeRolePolicyDocument(
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"s3.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}")).role();
    moto.proveUntidy("iam_role_propagation",
        clients -> {
          IamClient iam = clients.iam();
          Role created = create.apply(iam);
          assertThat(created.arn()).isEqualTo("arn:aws:iam::123456789012:role/crr");
          assertThat(error(() -> iam.getRole(b -> b.roleName("crr")))).contains("404 NoSuchEntity");
          Role early = iam.getRole(b -> b.roleName("crr")).role();
          assertThat(early.arn()).startsWith("AROA").isEqualTo(early.roleId());
          assertThat(iam.getRole(b -> b.roleName("crr")).role().arn()).isEqualTo(created.arn());

          iam.putRolePolicy(b -> b.roleName("crr").policyName("read").policyDocument(ROLE_POLICY));
          iam.deleteRolePolicy(b -> b.roleName("crr").policyName("read"));
          assertThat(error(() -> iam.deleteRole(b -> b.roleName("crr")))).contains("409 DeleteConflict");
          iam.deleteRole(b -> b.roleName("crr"));
        },
        clients -> {
          IamClient iam = clients.iam();
          Role created = create.apply(iam);
          assertThat(iam.getRole(b -> b.roleName("crr")).role().arn()).isEqualTo(created.arn());
          iam.putRolePolicy(b -> b.roleName("crr").policyName("read").policyDocument(ROLE_POLICY));
          iam.deleteRolePolicy(b -> b.roleName("crr").policyName("read"));
          assertThat(error(() -> iam.deleteRole(b -> b.roleName("crr")))).isEmpty();
        });
  }

  // --- ACM ---

  private static String request(AcmClient acm, String domain, KeyAlgorithm algorithm, String... alternatives) {
    return acm.requestCertificate(b -> b.domainName(domain).validationMethod("DNS").keyAlgorithm(algorithm)
        .subjectAlternativeNames(alternatives.length == 0 ? null : List.of(alternatives))).certificateArn();
  }

  private static CertificateDetail describe(AcmClient acm, String arn) {
    return acm.describeCertificate(b -> b.certificateArn(arn)).certificate();
  }

  /** https://docs.aws.amazon.com/acm/latest/APIReference/API_CertificateDetail.html; hashicorp acm/certificate.go */
  @Test
  void describeSpellsTheRequestedKeyAlgorithmWithAHyphen() {
    moto.provePatch("acm_key_algorithm",
        clients -> {
          AcmClient acm = clients.acm();
          assertThat(describe(acm, request(acm, "example.com", KeyAlgorithm.RSA_2048)).keyAlgorithmAsString()).isEqualTo("RSA-2048");
          assertThat(describe(acm, request(acm, "ec.example.com", KeyAlgorithm.EC_PRIME256_V1)).keyAlgorithmAsString())
              .isEqualTo("EC-prime256v1");
          assertThat(describe(acm, request(acm, "ec384.example.com", KeyAlgorithm.EC_SECP384_R1)).keyAlgorithmAsString())
              .isEqualTo("EC-secp384r1");
        },
        clients -> {
          AcmClient acm = clients.acm();
          assertThat(describe(acm, request(acm, "example.com", KeyAlgorithm.RSA_2048)).keyAlgorithmAsString()).isEqualTo("RSA_2048");
          assertThat(describe(acm, request(acm, "ec.example.com", KeyAlgorithm.EC_PRIME256_V1)).keyAlgorithmAsString())
              .as("moto ignores the requested algorithm").isEqualTo("RSA_2048");
        });
  }

  /** https://docs.aws.amazon.com/acm/latest/APIReference/API_DescribeCertificate.html (Errors); hashicorp acm/certificate.go */
  @Test
  void aCertificateJustRequestedIsNotFoundOnceAndItsValidationRecordsComeLater() {
    moto.proveUntidy("acm_certificate_propagation",
        clients -> {
          AcmClient acm = clients.acm();
          String arn = request(acm, "example.com", KeyAlgorithm.RSA_2048, "www.example.com");
          assertThat(error(() -> acm.describeCertificate(b -> b.certificateArn(arn)))).contains("400 ResourceNotFoundException");
          assertThat(error(() -> acm.listTagsForCertificate(b -> b.certificateArn(arn)))).contains("400 ResourceNotFoundException");
          assertThat(acm.listTagsForCertificate(b -> b.certificateArn(arn)).tags()).isEmpty();
          assertThat(describe(acm, arn).domainValidationOptions()).hasSize(2)
              .allSatisfy(o -> assertThat(o.resourceRecord()).isNull());
          assertThat(describe(acm, arn).domainValidationOptions()).hasSize(2)
              .allSatisfy(o -> assertThat(o.resourceRecord()).isNotNull());
        },
        clients -> {
          AcmClient acm = clients.acm();
          String arn = request(acm, "example.com", KeyAlgorithm.RSA_2048, "www.example.com");
          assertThat(describe(acm, arn).domainValidationOptions()).allSatisfy(o -> assertThat(o.resourceRecord()).isNotNull());
          assertThat(error(() -> acm.listTagsForCertificate(b -> b.certificateArn(arn)))).isEmpty();
        });
  }

  private static Map<String, ResourceRecord> records(AcmClient acm, String arn) {
    return describe(acm, arn).domainValidationOptions().stream()
        .collect(java.util.stream.Collectors.toMap(DomainValidation::domainName, DomainValidation::resourceRecord));
  }

  /** https://docs.aws.amazon.com/acm/latest/userguide/dns-validation.html; terraform-provider-aws#13653 */
  @Test
  void validationRecordsAreTheSameForANameEveryTimeAndDifferByName() {
    moto.provePatch("acm_validation_record_stable",
        clients -> {
          AcmClient acm = clients.acm();
          String first = request(acm, "example.com", KeyAlgorithm.RSA_2048, "www.example.com", "*.example.com");
          Map<String, ResourceRecord> before = records(acm, first);
          acm.deleteCertificate(b -> b.certificateArn(first));
          Map<String, ResourceRecord> again = records(acm, request(acm, "www.example.com", KeyAlgorithm.RSA_2048));
          assertThat(again.get("www.example.com")).isEqualTo(before.get("www.example.com"));
          assertThat(before.get("*.example.com")).as("a wildcard shares its base name's record").isEqualTo(before.get("example.com"));
          assertThat(before.get("www.example.com").value()).isNotEqualTo(before.get("example.com").value());
          assertThat(before.get("www.example.com").name()).startsWith("_").endsWith(".www.example.com.");
          assertThat(before.get("www.example.com").value()).startsWith("_").endsWith(".acm-validations.aws.");
        },
        clients -> {
          Map<String, ResourceRecord> records = records(clients.acm(),
              request(clients.acm(), "example.com", KeyAlgorithm.RSA_2048, "www.example.com"));
          assertThat(records.get("www.example.com").value()).as("moto: one value for every name")
              .isEqualTo(records.get("example.com").value());
        });
  }

  // --- CloudFront ---

  /** The distribution MotoDistributions makes, serving with {@code certificateArn}. */
  private static String distribution(CloudFrontClient cf, String certificateArn) {
    String id = MotoDistributions.create(cf, "site");
    GetDistributionConfigResponse current = cf.getDistributionConfig(b -> b.id(id));
    DistributionConfig config = current.distributionConfig().toBuilder()
        .viewerCertificate(v -> v.acmCertificateArn(certificateArn).sslSupportMethod("sni-only")
            .minimumProtocolVersion("TLSv1.2_2021"))
        .build();
    cf.updateDistribution(b -> b.id(id).ifMatch(current.eTag()).distributionConfig(config));
    return id;
  }

  private static String certificate(String id) {
    return "arn:aws:acm:us-east-1:123456789012:certificate/" + id;
  }

  /** https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_UpdateDistribution.html (Errors); hashicorp cloudfront/distribution.go */
  @Test
  void aDistributionNamingACertificateForTheFirstTimeAnswersInvalidViewerCertificateOnce() {
    String cert = certificate(UUID.randomUUID().toString());
    moto.proveUntidy("cloudfront_viewer_certificate_propagation",
        clients -> {
          CloudFrontClient cf = clients.cloudFront();
          assertThatThrownBy(() -> distribution(cf, cert)).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidViewerCertificate");
          });
          String id = distribution(cf, cert);
          assertThat(cf.getDistribution(b -> b.id(id)).distribution().distributionConfig().viewerCertificate().acmCertificateArn())
              .isEqualTo(cert);
          // A create naming a certificate never seen: the same, once.
          DistributionConfig another = cf.getDistributionConfig(b -> b.id(id)).distributionConfig().toBuilder()
              .callerReference(UUID.randomUUID().toString())
              .viewerCertificate(v -> v.acmCertificateArn(certificate("other")).sslSupportMethod("sni-only"))
              .build();
          assertThat(error(() -> cf.createDistribution(b -> b.distributionConfig(another)))).contains("400 InvalidViewerCertificate");
          assertThat(error(() -> cf.createDistribution(b -> b.distributionConfig(another)))).isEmpty();
        },
        clients -> assertThat(error(() -> distribution(clients.cloudFront(), cert))).isEmpty());
  }

  // --- Route53 ---

  /** Route53 with the SDK's retries off, so that every throttled answer reaches the test. */
  private Route53Client route53WithoutRetries() {
    return Route53Client.builder()
        .endpointOverride(moto.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
        .httpClientBuilder(ApacheHttpClient.builder())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  /** What {@code n} ListHostedZones calls in a row answer: "ok", or status, code and message. */
  private static List<String> burst(Route53Client route53, int n) {
    List<String> answers = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      try {
        route53.listHostedZones();
        answers.add("ok");
      } catch (AwsServiceException e) {
        answers.add(e.statusCode() + " " + e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage());
      }
    }
    return answers;
  }

  /** https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/DNSLimitations.html#limits-api-requests; hashicorp route53 */
  @Test
  void route53ThrottlesPastAboutFiveRequestsASecond() {
    String throttled = "400 Throttling: Rate exceeded";
    try (Route53Client route53 = route53WithoutRetries()) {
      moto.proveUntidy("route53_throttling",
          clients -> {
            // The bucket starts full: five pass, and calls right after find it empty.
            List<String> answers = burst(route53, 15);
            assertThat(answers.subList(0, 5)).containsOnly("ok");
            assertThat(answers).contains(throttled).containsOnly("ok", throttled);
            // Slower: one a second (and a burst of one); a client that waits gets through.
            moto.route53Rate(1);
            assertThat(burst(route53, 3)).containsExactly("ok", throttled, throttled);
            sleep(1100);
            assertThat(burst(route53, 1)).containsExactly("ok");
          },
          clients -> assertThat(burst(route53, 15)).containsOnly("ok"));
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  // --- S3 conditional writes ---

  private S3Client s3WithoutRetries() {
    return S3Client.builder()
        .endpointOverride(moto.endpoint())
        .region(Region.of(REGION))
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
        .httpClientBuilder(ApacheHttpClient.builder())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  private static String content(S3Client s3, String bucket, String key) {
    return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
  }

  /**
   * https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html: a conditional
   * write whose answer is lost may have landed; its retry then gets 412.
   */
  @Test
  void aConditionalPutLandsButItsFirstAnswerIsLostSoItsRetryGets412() {
    try (S3Client bare = s3WithoutRetries()) {
      moto.proveUntidy("s3_conditional_write_lost_answer",
          clients -> {
            S3Client s3 = clients.s3(REGION);
            createBucket(s3, "lost-answer", REGION);
            assertThat(error(() -> bare.putObject(b -> b.bucket("lost-answer").key("k").ifNoneMatch("*"),
                RequestBody.fromString("one")))).contains("500 InternalError");
            assertThat(content(s3, "lost-answer", "k")).isEqualTo("one");
            String etag = s3.headObject(b -> b.bucket("lost-answer").key("k")).eTag();
            // The SDK's own retry of a lost If-Match write: 412 although the write landed.
            assertThat(error(() -> s3.putObject(b -> b.bucket("lost-answer").key("k").ifMatch(etag),
                RequestBody.fromString("two")))).contains("412 PreconditionFailed");
            assertThat(content(s3, "lost-answer", "k")).isEqualTo("two");
            // Once per key and condition; unconditional writes always answer.
            String next = s3.headObject(b -> b.bucket("lost-answer").key("k")).eTag();
            assertThat(error(() -> bare.putObject(b -> b.bucket("lost-answer").key("k").ifMatch(next),
                RequestBody.fromString("three")))).isEmpty();
            assertThat(error(() -> bare.putObject(b -> b.bucket("lost-answer").key("plain"),
                RequestBody.fromString("x")))).isEmpty();
          },
          clients -> {
            S3Client s3 = clients.s3(REGION);
            createBucket(s3, "lost-answer", REGION);
            assertThat(error(() -> bare.putObject(b -> b.bucket("lost-answer").key("k").ifNoneMatch("*"),
                RequestBody.fromString("one")))).isEmpty();
          });
      moto.proveUntidy("s3_conditional_write_lost_answer_conflict",
          clients -> {
            S3Client s3 = clients.s3(REGION);
            createBucket(s3, "conflicted", REGION);
            assertThat(error(() -> bare.putObject(b -> b.bucket("conflicted").key("k").ifNoneMatch("*"),
                RequestBody.fromString("one")))).contains("409 ConditionalRequestConflict");
            assertThat(error(() -> s3.headObject(b -> b.bucket("conflicted").key("k")))).contains("404 NoSuchKey");
            assertThat(error(() -> bare.putObject(b -> b.bucket("conflicted").key("k").ifNoneMatch("*"),
                RequestBody.fromString("one")))).isEmpty();
            assertThat(content(s3, "conflicted", "k")).isEqualTo("one");
          },
          clients -> {
            S3Client s3 = clients.s3(REGION);
            createBucket(s3, "conflicted", REGION);
            assertThat(error(() -> bare.putObject(b -> b.bucket("conflicted").key("k").ifNoneMatch("*"),
                RequestBody.fromString("one")))).isEmpty();
          });
    }
  }
}
