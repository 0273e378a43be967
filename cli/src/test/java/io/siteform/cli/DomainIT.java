package io.siteform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.siteform.providers.aws.AwsClients;
import io.siteform.providers.testing.MotoExtension;
import io.siteform.providers.testing.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.acm.model.CertificateStatus;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * The seed's custom-domain half through the CLI against moto: one apply from four lines of spec,
 * a no-op second plan, renamed names, names that redirect, a certificate of the user's own, a
 * record made by hand in the way, and destroy.
 */
@ExtendWith(MotoExtension.class)
class DomainIT {
  @TempDir Path dir;
  MotoServer moto;
  MotoCli cli;
  Path spec;
  String zoneId;

  @BeforeEach
  void setUp(MotoServer moto) {
    this.moto = moto;
    cli = new MotoCli(dir, moto);
    spec = cli.spec;
    try (AwsClients aws = moto.newClients()) {
      zoneId = aws.route53().createHostedZone(b -> b.name("example.com").callerReference("it-" + System.nanoTime()))
          .hostedZone().id().replace("/hostedzone/", "");
    }
  }


  private void write(String names, String certificate) throws Exception {
    Files.writeString(spec, CliTest.SPEC + """
        domain:
          names: %s
          hosted_zone: example.com
          certificate: %s
        """.formatted(names, certificate));
  }

  private List<ResourceRecordSet> records(AwsClients aws) {
    return aws.route53().listResourceRecordSets(b -> b.hostedZoneId(zoneId)).resourceRecordSets();
  }

  private DistributionConfig distribution(AwsClients aws) {
    String id = aws.cloudFront().listDistributions(b -> {}).distributionList().items().get(0).id();
    return aws.cloudFront().getDistributionConfig(b -> b.id(id)).distributionConfig();
  }

  @Test
  void oneApplyNoOpPlanRenameDestroy() throws Exception {
    write("[www.example.com, example.com]", "{validation: dns}");
    var plan = cli.run("plan");
    assertThat(plan.exit()).as(plan.err()).isEqualTo(0);
    assertThat(plan.out()).contains("# route53_record.validation_www_example_com will be created",
        "zone_id = \"" + zoneId + "\"", "Plan: 16 to add");

    var apply = cli.run("apply", "--auto-approve");
    assertThat(apply.exit()).as(apply.out() + apply.err()).isEqualTo(0);
    assertThat(apply.out()).contains("acm_certificate_validation.site: Creation complete",
        "Apply complete! Resources: 16 added");
    var again = cli.run("plan", "--detailed-exitcode");
    assertThat(again.exit()).as(again.out()).isEqualTo(0);

    String certArn;
    try (AwsClients aws = moto.newClients()) {
      var certs = aws.acm().listCertificates(b -> {}).certificateSummaryList();
      assertThat(certs).singleElement().satisfies(c -> assertThat(c.domainName()).isEqualTo("www.example.com"));
      certArn = certs.get(0).certificateArn();
      assertThat(aws.acm().describeCertificate(b -> b.certificateArn(certArn)).certificate().status())
          .isEqualTo(CertificateStatus.ISSUED);
      DistributionConfig d = distribution(aws);
      assertThat(d.aliases().items()).containsExactlyInAnyOrder("www.example.com", "example.com");
      assertThat(d.viewerCertificate().acmCertificateArn()).isEqualTo(certArn);
      assertThat(d.viewerCertificate().sslSupportMethodAsString()).isEqualTo("sni-only");
      assertThat(d.viewerCertificate().minimumProtocolVersionAsString()).isEqualTo("TLSv1.2_2021");
      String domain = aws.cloudFront().listDistributions(b -> {}).distributionList().items().get(0).domainName();
      assertThat(records(aws)).filteredOn(r -> r.aliasTarget() != null).hasSize(4).allSatisfy(r -> {
        assertThat(r.aliasTarget().hostedZoneId()).isEqualTo("Z2FDTNDATAQYW2");
        assertThat(r.aliasTarget().dnsName()).startsWith(domain);
      });
      assertThat(records(aws)).filteredOn(r -> r.typeAsString().equals("CNAME")).hasSize(2);
    }

    write("[shop.example.com]", "{validation: dns}");
    var rename = cli.run("apply", "--auto-approve");
    assertThat(rename.exit()).as(rename.out() + rename.err()).isEqualTo(0);
    assertThat(rename.out()).contains("# acm_certificate.site must be replaced", "+/- resource \"acm_certificate\"");
    assertThat(cli.run("plan", "--detailed-exitcode").exit()).isEqualTo(0);
    try (AwsClients aws = moto.newClients()) {
      var certs = aws.acm().listCertificates(b -> {}).certificateSummaryList();
      assertThat(certs).singleElement().satisfies(c -> {
        assertThat(c.domainName()).isEqualTo("shop.example.com");
        assertThat(c.certificateArn()).isNotEqualTo(certArn);
      });
      assertThat(distribution(aws).aliases().items()).containsExactly("shop.example.com");
      assertThat(records(aws)).filteredOn(r -> !List.of("NS", "SOA").contains(r.typeAsString()))
          .hasSize(3).allSatisfy(r -> assertThat(r.name()).endsWith("shop.example.com."));
    }

    var destroy = cli.run("destroy", "--auto-approve");
    assertThat(destroy.exit()).as(destroy.out() + destroy.err()).isEqualTo(0);
    try (AwsClients aws = moto.newClients()) {
      assertThat(records(aws)).extracting(ResourceRecordSet::typeAsString).containsOnly("NS", "SOA");
      assertThat(aws.acm().listCertificates(b -> {}).certificateSummaryList()).isEmpty();
      assertThat(aws.cloudFront().listDistributions(b -> {}).distributionList().quantity()).isZero();
    }
  }

  /**
   * {@code domain.redirect_from}: the name is an alias of the distribution, on the certificate,
   * with its alias records, and the viewer-request function on the default behaviour is the
   * generated code that answers it with a 301 to the first name (run under Node.js in
   * EdgeFunctionCodeTest). Dropping it takes all of that away again.
   */
  @Test
  void aNameThatRedirectsIsAnAliasOnTheCertificateWithRecordsAndTheFunction() throws Exception {
    Files.writeString(spec, CliTest.SPEC + """
        domain:
          names: [www.example.com]
          hosted_zone: example.com
          certificate: {validation: dns}
          redirect_from: [example.com]
        """);
    var apply = cli.run("apply", "--auto-approve");
    assertThat(apply.exit()).as(apply.out() + apply.err()).isEqualTo(0);
    assertThat(cli.run("plan", "--detailed-exitcode").exit()).isEqualTo(0);
    try (AwsClients aws = moto.newClients()) {
      DistributionConfig d = distribution(aws);
      assertThat(d.aliases().items()).containsExactlyInAnyOrder("www.example.com", "example.com");
      var cert = aws.acm().describeCertificate(b -> b.certificateArn(d.viewerCertificate().acmCertificateArn())).certificate();
      assertThat(cert.domainName()).isEqualTo("www.example.com");
      assertThat(cert.subjectAlternativeNames()).contains("example.com");
      assertThat(records(aws)).filteredOn(r -> r.aliasTarget() != null)
          .extracting(r -> r.name() + " " + r.typeAsString())
          .containsExactlyInAnyOrder("www.example.com. A", "www.example.com. AAAA", "example.com. A", "example.com. AAAA");
      var associations = d.defaultCacheBehavior().functionAssociations().items();
      assertThat(associations).singleElement().satisfies(a -> assertThat(a.eventTypeAsString()).isEqualTo("viewer-request"));
      String name = associations.get(0).functionARN().substring(associations.get(0).functionARN().lastIndexOf('/') + 1);
      String live = aws.cloudFront().getFunction(b -> b.name(name).stage("LIVE")).functionCode().asUtf8String();
      assertThat(live).isEqualTo(new io.siteform.engine.resource.EdgeFunctionCode(
          io.siteform.engine.spec.CdnSpec.Routing.NONE, "index.html", "www.example.com", List.of("example.com"),
          java.util.Map.of()).source());
    }

    write("[www.example.com]", "{validation: dns}");
    var dropped = cli.run("apply", "--auto-approve");
    assertThat(dropped.exit()).as(dropped.out() + dropped.err()).isEqualTo(0);
    assertThat(cli.run("plan", "--detailed-exitcode").exit()).isEqualTo(0);
    try (AwsClients aws = moto.newClients()) {
      DistributionConfig d = distribution(aws);
      assertThat(d.aliases().items()).containsExactly("www.example.com");
      assertThat(d.defaultCacheBehavior().functionAssociations().quantity()).as("nothing left for a function to do").isZero();
      assertThat(records(aws)).noneMatch(r -> r.name().equals("example.com.") && r.aliasTarget() != null);
      assertThat(aws.acm().describeCertificate(b -> b.certificateArn(d.viewerCertificate().acmCertificateArn()))
          .certificate().subjectAlternativeNames()).doesNotContain("example.com");
    }
    assertThat(cli.run("destroy", "--auto-approve").exit()).isEqualTo(0);
  }

  @Test
  void addingRemovingAndRenamingNamesAppliesAndThenPlansNoChanges() throws Exception {
    write("[www.example.com]", "{validation: dns}");
    assertThat(cli.run("apply", "--auto-approve").exit()).isEqualTo(0);
    // Add the apex, add a wildcard (it shares the apex's validation record), then rename the
    // first name and drop the wildcard.
    String[][] edits = {
        {"[www.example.com, example.com]", "2"},
        {"[www.example.com, example.com, \"*.example.com\"]", "2"},
        {"[shop.example.com, example.com]", "2"}};
    for (String[] edit : edits) {
      write(edit[0], "{validation: dns}");
      var plan = cli.run("plan", "--detailed-exitcode");
      assertThat(plan.exit()).as(plan.out() + plan.err()).isEqualTo(2);
      var apply = cli.run("apply", "--auto-approve");
      assertThat(apply.exit()).as(edit[0] + "\n" + apply.out() + apply.err()).isEqualTo(0);
      var again = cli.run("plan", "--detailed-exitcode");
      assertThat(again.exit()).as(edit[0] + "\n" + again.out() + again.err()).isEqualTo(0);
      try (AwsClients aws = moto.newClients()) {
        var certs = aws.acm().listCertificates(b -> {}).certificateSummaryList();
        assertThat(certs).as("the old certificate is gone").hasSize(1);
        assertThat(distribution(aws).viewerCertificate().acmCertificateArn()).isEqualTo(certs.get(0).certificateArn());
        assertThat(records(aws)).filteredOn(r -> r.typeAsString().equals("CNAME")).hasSize(Integer.parseInt(edit[1]));
      }
    }
    try (AwsClients aws = moto.newClients()) {
      assertThat(distribution(aws).aliases().items()).containsExactlyInAnyOrder("shop.example.com", "example.com");
    }
    var destroy = cli.run("destroy", "--auto-approve");
    assertThat(destroy.exit()).as(destroy.out() + destroy.err()).isEqualTo(0);
  }

  @Test
  void aRecordMadeByHandIsNeverOverwrittenAndImportAdoptsIt() throws Exception {
    write("[www.example.com]", "{validation: dns}");
    try (AwsClients aws = moto.newClients()) {
      aws.route53().changeResourceRecordSets(b -> b.hostedZoneId(zoneId).changeBatch(c -> c.changes(ch -> ch
          .action("CREATE").resourceRecordSet(r -> r.name("www.example.com").type("A").ttl(300L)
              .resourceRecords(v -> v.value("192.0.2.10"))))));
    }
    String id = zoneId + "_www.example.com_A";
    var apply = cli.run("apply", "--auto-approve");
    assertThat(apply.exit()).isEqualTo(1);
    assertThat(apply.out()).contains("This plan cannot be applied",
        "siteform import route53_record.a_www_example_com " + id);
    assertThat(apply.err()).contains("in the way");
    assertThat(dir.resolve("siteform.state.json")).doesNotExist();
    try (AwsClients aws = moto.newClients()) {
      assertThat(aws.s3("eu-west-1").listBuckets().buckets()).isEmpty();
    }

    var imported = cli.run("import", "route53_record.a_www_example_com", id);
    assertThat(imported.exit()).as(imported.err()).isEqualTo(0);
    var plan = cli.run("plan");
    assertThat(plan.exit()).as(plan.err()).isEqualTo(0);
    assertThat(plan.out()).contains("# route53_record.a_www_example_com will be updated in-place",
        "- records", "\"192.0.2.10\"").doesNotContain("This plan cannot be applied");
    var applied = cli.run("apply", "--auto-approve");
    assertThat(applied.exit()).as(applied.out() + applied.err()).isEqualTo(0);
    assertThat(cli.run("plan", "--detailed-exitcode").exit()).isEqualTo(0);
    try (AwsClients aws = moto.newClients()) {
      assertThat(records(aws)).filteredOn(r -> r.name().equals("www.example.com.") && r.typeAsString().equals("A"))
          .singleElement().satisfies(r -> assertThat(r.aliasTarget()).isNotNull());
    }
    assertThat(cli.run("destroy", "--auto-approve").exit()).isEqualTo(0);
  }

  @Test
  void anExistingCertificateIsUsedAndKept() throws Exception {
    String arn;
    try (AwsClients aws = moto.newClients()) {
      arn = aws.acm().requestCertificate(b -> b.domainName("*.example.com")
          .validationMethod("DNS")).certificateArn();
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (aws.acm().describeCertificate(b -> b.certificateArn(arn)).certificate().status()
          != CertificateStatus.ISSUED && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
    }
    write("[www.example.com]", "{arn: \"" + arn + "\"}");
    var apply = cli.run("apply", "--auto-approve");
    assertThat(apply.exit()).as(apply.out() + apply.err()).isEqualTo(0);
    assertThat(apply.out()).doesNotContain("acm_certificate.site", "acm_certificate_validation");
    assertThat(cli.run("plan", "--detailed-exitcode").exit()).isEqualTo(0);
    try (AwsClients aws = moto.newClients()) {
      assertThat(distribution(aws).viewerCertificate().acmCertificateArn()).isEqualTo(arn);
    }
    assertThat(cli.run("destroy", "--auto-approve").exit()).isEqualTo(0);
    try (AwsClients aws = moto.newClients()) {
      assertThat(aws.acm().listCertificates(b -> {}).certificateSummaryList()).hasSize(1);
    }

    write("[shop.other.example.com]", "{arn: \"" + arn + "\"}");
    var uncovered = cli.run("plan");
    assertThat(uncovered.exit()).isEqualTo(1);
    assertThat(uncovered.err()).contains("shop.other.example.com");
  }
}
