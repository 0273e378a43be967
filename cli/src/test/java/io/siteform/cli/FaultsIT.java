package io.siteform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.siteform.providers.aws.AwsClients;
import io.siteform.providers.testing.FaultProxy;
import io.siteform.providers.testing.FaultProxy.Request;
import io.siteform.providers.testing.MotoExtension;
import io.siteform.providers.testing.MotoServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * The workshop applied through {@link FaultProxy}: AWS and the network on a bad day. Random 500s,
 * SlowDowns, throttling and answers cut halfway or garbled converge, and so does a lost answer to
 * each kind of create: a run the SDK gave up in may fail, but state stays readable, the next
 * plain {@code apply} finishes the job with one of each object, and the plan after is clean.
 * Moto's own untidy behaviours stay off: the faults are the proxy's.
 */
@ExtendWith(MotoExtension.class)
class FaultsIT {
  /** Plain applies a run through faults may take: a fault the SDK gave up on fails one run. */
  static final int MAX_RUNS = 4;

  static final String PRIMARY = "ticket-service-ui-websitebucket-jane-doe";

  @TempDir Path dir;
  MotoServer moto;
  FaultProxy proxy;
  MotoCli cli;

  @BeforeEach
  void setUp(MotoServer moto) throws IOException {
    this.moto = moto;
    proxy = new FaultProxy(moto.endpoint(), 20_000);
    cli = new MotoCli(dir, proxy.endpoint());
    cli.copyWorkshop();
    try (AwsClients aws = moto.newClients()) {
      aws.route53().createHostedZone(b -> b.name("example.com").callerReference("faults-" + System.nanoTime()));
    }
  }

  @AfterEach
  void tearDown() {
    proxy.close();
  }


  @ParameterizedTest(name = "{0} faults, seed {1}")
  @CsvSource({"0.10, 11", "0.30, 30"})
  void randomFaultsConverge(double rate, long seed) {
    proxy.random(seed, rate, FaultProxy.randomKinds());

    List<CliRunner.Run> runs = applyUntilDone();

    proxy.off();
    System.out.printf("FaultsIT: %.0f%% faults, seed %d: %d run(s), %d requests, %d faults %s%n",
        rate * 100, seed, runs.size(), proxy.requests(), proxy.injected(), faultCounts());
    assertConverged();
  }

  /**
   * More seeds, for a sweep by hand: the faults land on whichever request comes next, so which
   * calls a seed hits depends on timing, and one seed passing once proves little (a cut answer
   * the JDK's HTTP client took for whole passed one CI and failed the next).
   * {@code -Dsiteform.faults.sweep=N} runs seeds 1 to N at 30 % faults; without it, none.
   */
  @ParameterizedTest(name = "sweep: 30% faults, seed {0}", allowZeroInvocations = true)
  @MethodSource("sweepSeeds")
  void randomFaultsConvergeInASweep(long seed) {
    randomFaultsConverge(0.30, seed);
  }

  static java.util.stream.LongStream sweepSeeds() {
    return java.util.stream.LongStream.rangeClosed(1, Long.getLong("siteform.faults.sweep", 0L));
  }

  /** One lost answer per kind of create: moto made the object, siteform never heard. */
  enum LostCreate {
    CREATE_BUCKET(r -> s3(r, "PUT") && r.path().equals("/" + PRIMARY) && r.query().isEmpty()),
    CREATE_ROLE(r -> r.action().equals("CreateRole")),
    PUT_ROLE_POLICY(r -> r.action().equals("PutRolePolicy")),
    CREATE_ORIGIN_ACCESS_CONTROL(r -> cloudFront(r) && r.path().endsWith("/origin-access-control")),
    CREATE_DISTRIBUTION(r -> cloudFront(r) && r.path().endsWith("/distribution")),
    REQUEST_CERTIFICATE(r -> r.action().equals("RequestCertificate")),
    CREATE_VALIDATION_RECORD(r -> change(r, "CREATE", "CNAME")),
    CREATE_ALIAS_RECORD(r -> change(r, "CREATE", "A")),
    CREATE_INVALIDATION(r -> cloudFront(r) && r.path().endsWith("/invalidation")),
    PUT_BUCKET_REPLICATION(r -> s3(r, "PUT") && r.query().startsWith("replication")),
    PUT_BUCKET_POLICY(r -> s3(r, "PUT") && r.query().startsWith("policy"));

    final Predicate<Request> matches;

    LostCreate(Predicate<Request> matches) {
      this.matches = matches;
    }

    private static boolean s3(Request r, String method) {
      return r.service().equals("s3") && r.method().equals(method);
    }

    private static boolean cloudFront(Request r) {
      return r.service().equals("cloudfront") && r.method().equals("POST");
    }

    private static boolean change(Request r, String action, String type) {
      return r.service().equals("route53") && r.path().contains("/rrset")
          && r.body().contains("<Action>" + action + "</Action>") && r.body().contains("<Type>" + type + "</Type>");
    }
  }

  /** The SDK's retry hears "already exists" from moto, and the provider knows its own object. */
  @ParameterizedTest
  @EnumSource(LostCreate.class)
  void aLostAnswerToACreateIsAdoptedByItsRetry(LostCreate create) {
    proxy.loseAnswer(create.matches, 1);

    var first = cli.run("apply", "--auto-approve");
    proxy.off();
    assertThat(proxy.injected()).as("the answer was lost").isEqualTo(1);
    String all = first.out() + first.err();
    System.out.printf("FaultsIT: lost answer to %s, retried: exit %d, %d requests%n",
        create, first.exit(), proxy.requests());
    assertThat(first.exit()).as(tail(all)).isEqualTo(0);
    assertThat(all).as(tail(all)).doesNotContain("already exists", "siteform import");
    assertConverged();
  }

  /** The run ends with the object made and unheard of; the next plain apply adopts it. */
  @ParameterizedTest
  @EnumSource(LostCreate.class)
  void aLostAnswerToACreateConvergesOnTheNextApply(LostCreate create) {
    proxy.loseAnswerAndStop(create.matches);

    var first = cli.run("apply", "--auto-approve");
    proxy.off();
    assertThat(proxy.injected()).as("the answer was lost").isEqualTo(2);
    assertThat(first.exit()).as(tail(first.out() + first.err())).isEqualTo(1);
    readable();
    var second = cli.run("apply", "--auto-approve");
    String all = second.out() + second.err();
    System.out.printf("FaultsIT: lost answer to %s, run stopped: next run exit %d, %d requests%n",
        create, second.exit(), proxy.requests());
    assertThat(second.exit()).as(tail(all)).isEqualTo(0);
    assertThat(all).as(tail(all)).doesNotContain("already exists", "siteform import");
    assertConverged();
  }

  private List<CliRunner.Run> applyUntilDone() {
    List<CliRunner.Run> runs = new ArrayList<>();
    for (int i = 0; i < MAX_RUNS; i++) {
      CliRunner.Run r = cli.run("apply", "--auto-approve");
      runs.add(r);
      if (r.exit() == 0) return runs;
      readable();
    }
    StringBuilder b = new StringBuilder("no convergence in " + MAX_RUNS + " runs:");
    runs.forEach(r -> b.append("\n--- exit ").append(r.exit()).append('\n').append(tail(r.out() + r.err())));
    throw new AssertionError(b + "\nfaults: " + proxy.log());
  }

  /** The end of a run's output: its progress lines and errors, not the plan. */
  private static String tail(String output) {
    int plan = output.lastIndexOf("\nPlan: ");
    return plan < 0 ? output : output.substring(plan);
  }

  /** Whatever a run left, siteform can read it. */
  private void readable() {
    var list = cli.run("state", "list");
    assertThat(list.exit()).as(list.out() + list.err()).isEqualTo(0);
  }

  private String faultCounts() {
    StringBuilder b = new StringBuilder("(");
    for (FaultProxy.Fault f : FaultProxy.Fault.values()) {
      if (proxy.injected(f) > 0) b.append(b.length() > 1 ? ", " : "").append(f).append(' ').append(proxy.injected(f));
    }
    return b.append(')').toString();
  }

  /** With the faults off: one of each object in moto, and nothing to do. */
  private void assertConverged() {
    assertThat(proxy.overflowed()).isFalse();
    var plan = cli.run("plan", "--detailed-exitcode");
    assertThat(plan.exit()).as(tail(plan.out() + plan.err())).isEqualTo(0);
    try (AwsClients aws = moto.newClients()) {
      assertThat(aws.s3("eu-west-1").listBuckets().buckets()).hasSize(2);
      assertThat(aws.iam().listRoles().roles()).hasSize(1);
      String role = aws.iam().listRoles().roles().get(0).roleName();
      assertThat(aws.iam().listRolePolicies(b -> b.roleName(role)).policyNames()).hasSize(1);
      assertThat(aws.cloudFront().listDistributions(b -> {}).distributionList().quantity()).isEqualTo(1);
      assertThat(aws.cloudFront().listOriginAccessControls(b -> {}).originAccessControlList().quantity()).isEqualTo(1);
      assertThat(aws.acm().listCertificates().certificateSummaryList()).hasSize(1);
      String zone = aws.route53().listHostedZones().hostedZones().get(0).id();
      List<String> records = aws.route53().listResourceRecordSets(b -> b.hostedZoneId(zone)).resourceRecordSets()
          .stream().map(ResourceRecordSet::typeAsString).sorted().toList();
      assertThat(records).containsExactly("A", "AAAA", "CNAME", "NS", "SOA");
      String distribution = aws.cloudFront().listDistributions(b -> {}).distributionList().items().get(0).id();
      assertThat(aws.cloudFront().listInvalidations(b -> b.distributionId(distribution)).invalidationList().quantity())
          .isEqualTo(1);
      for (String bucket : List.of(PRIMARY, "ticket-service-ui-websitebucket-singapore-jane-doe")) {
        String region = bucket.equals(PRIMARY) ? "eu-west-1" : "ap-southeast-1";
        assertThat(aws.s3(region).getBucketPolicy(b -> b.bucket(bucket)).policy()).contains("cloudfront.amazonaws.com");
      }
      assertThat(aws.s3("eu-west-1").getBucketReplication(b -> b.bucket(PRIMARY)).replicationConfiguration().rules())
          .hasSize(1);
    }
  }
}
