package io.siteform.providers.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siteform.providers.aws.AwsClients;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * The launcher's ACM and Route53 patches are needed and work: the patched server behaves as the
 * API reference says; a launcher started {@code --without} the patch does not.
 */
@ExtendWith(MotoExtension.class)
class DomainPatchesIT {
  private final MotoServer patched;

  DomainPatchesIT(MotoServer patched) {
    this.patched = patched;
  }

  private void onBoth(String patch, Consumer<AwsClients> holds, Consumer<AwsClients> fails) {
    patched.provePatch(patch, holds, fails);
  }

  private static Consumer<Throwable> awsError(int status, String code, String message) {
    return e -> {
      assertThat(e).isInstanceOf(AwsServiceException.class);
      AwsServiceException a = (AwsServiceException) e;
      assertThat(a.statusCode()).isEqualTo(status);
      assertThat(a.awsErrorDetails().errorCode()).isEqualTo(code);
      assertThat(a.awsErrorDetails().errorMessage()).contains(message);
    };
  }

  /** A zone example.com with www.example.com CNAME {@code value}; returns the zone id. */
  private static String zoneWithCname(Route53Client r53, String value) {
    String zone = r53.createHostedZone(b -> b.name("example.com").callerReference("patches")).hostedZone().id();
    change(r53, zone, ChangeAction.CREATE, value);
    return zone;
  }

  private static void change(Route53Client r53, String zone, ChangeAction action, String value) {
    r53.changeResourceRecordSets(b -> b.hostedZoneId(zone).changeBatch(c -> c.changes(ch -> ch.action(action)
        .resourceRecordSet(ResourceRecordSet.builder().name("www.example.com").type("CNAME").ttl(300L)
            .resourceRecords(r -> r.value(value)).build()))));
  }

  private static java.util.List<String> cnames(Route53Client r53, String zone) {
    return r53.listResourceRecordSets(b -> b.hostedZoneId(zone)).resourceRecordSets().stream()
        .filter(r -> r.typeAsString().equals("CNAME"))
        .map(r -> r.resourceRecords().get(0).value())
        .toList();
  }

  /** https://docs.aws.amazon.com/Route53/latest/APIReference/API_ChangeResourceRecordSets.html (CREATE of an existing record set) */
  @Test
  void createOfAnExistingRecordFails() {
    onBoth("route53_create_existing",
        c -> {
          Route53Client r53 = c.route53();
          String zone = zoneWithCname(r53, "a.example.net");
          assertThatThrownBy(() -> change(r53, zone, ChangeAction.CREATE, "b.example.net")).satisfies(awsError(400,
              "InvalidChangeBatch", "Tried to create resource record set [name='www.example.com.', type='CNAME'] but it already exists"));
          assertThat(cnames(r53, zone)).containsExactly("a.example.net");
        },
        c -> {
          Route53Client r53 = c.route53();
          String zone = zoneWithCname(r53, "a.example.net");
          change(r53, zone, ChangeAction.CREATE, "b.example.net");
          assertThat(cnames(r53, zone)).containsExactlyInAnyOrder("a.example.net", "b.example.net");
        });
  }

  /** https://docs.aws.amazon.com/Route53/latest/APIReference/API_Change.html (CREATE of a record set that was deleted) */
  @Test
  void aDeletedRecordCanBeCreatedAgainWithTheSameValues() {
    java.util.function.Function<Route53Client, String> zoneWithALaterName = r53 -> {
      String zone = zoneWithCname(r53, "a.example.net");
      r53.changeResourceRecordSets(b -> b.hostedZoneId(zone).changeBatch(c -> c.changes(ch -> ch
          .action(ChangeAction.CREATE).resourceRecordSet(ResourceRecordSet.builder().name("xyz.www.example.com")
              .type("CNAME").ttl(300L).resourceRecords(r -> r.value("z.example.net")).build()))));
      change(r53, zone, ChangeAction.DELETE, "a.example.net");
      return zone;
    };
    onBoth("route53_create_existing",
        c -> {
          Route53Client r53 = c.route53();
          String zone = zoneWithALaterName.apply(r53);
          change(r53, zone, ChangeAction.CREATE, "a.example.net");
          assertThat(cnames(r53, zone)).containsExactlyInAnyOrder("a.example.net", "z.example.net");
        },
        c -> {
          Route53Client r53 = c.route53();
          String zone = zoneWithALaterName.apply(r53);
          assertThatThrownBy(() -> change(r53, zone, ChangeAction.CREATE, "a.example.net"))
              .hasMessageContaining("already exists");
        });
  }

  /** https://docs.aws.amazon.com/Route53/latest/APIReference/API_ChangeResourceRecordSets.html (DELETE of a missing record set) */
  @Test
  void deleteOfAMissingRecordFails() {
    onBoth("route53_delete_missing",
        c -> {
          Route53Client r53 = c.route53();
          String zone = zoneWithCname(r53, "a.example.net");
          change(r53, zone, ChangeAction.DELETE, "a.example.net");
          assertThatThrownBy(() -> change(r53, zone, ChangeAction.DELETE, "a.example.net")).satisfies(awsError(400,
              "InvalidChangeBatch", "Tried to delete resource record set [name='www.example.com.', type='CNAME'] but it was not found"));
        },
        c -> {
          Route53Client r53 = c.route53();
          String zone = zoneWithCname(r53, "a.example.net");
          change(r53, zone, ChangeAction.DELETE, "a.example.net");
          change(r53, zone, ChangeAction.DELETE, "a.example.net");
          assertThat(cnames(r53, zone)).isEmpty();
        });
  }

  /** https://docs.aws.amazon.com/Route53/latest/APIReference/API_ChangeResourceRecordSets.html (DELETE needs the current values) */
  @Test
  void deleteWithValuesThatAreNoLongerCurrentFails() {
    onBoth("route53_delete_values",
        c -> {
          Route53Client r53 = c.route53();
          String zone = zoneWithCname(r53, "a.example.net");
          change(r53, zone, ChangeAction.UPSERT, "b.example.net");
          assertThatThrownBy(() -> change(r53, zone, ChangeAction.DELETE, "a.example.net")).satisfies(awsError(400,
              "InvalidChangeBatch", "[name='www.example.com.', type='CNAME'] but the values provided do not match the current values"));
          assertThat(cnames(r53, zone)).containsExactly("b.example.net");
          change(r53, zone, ChangeAction.DELETE, "b.example.net");
          assertThat(cnames(r53, zone)).isEmpty();
        },
        c -> {
          Route53Client r53 = c.route53();
          String zone = zoneWithCname(r53, "a.example.net");
          change(r53, zone, ChangeAction.UPSERT, "b.example.net");
          change(r53, zone, ChangeAction.DELETE, "a.example.net");
          assertThat(cnames(r53, zone)).isEmpty();
        });
  }

  private static String request(AcmClient acm, String token, String tagValue) {
    return acm.requestCertificate(b -> b.domainName("example.com").validationMethod("DNS").idempotencyToken(token)
        .tags(t -> t.key("site").value(tagValue))).certificateArn();
  }

  /** https://docs.aws.amazon.com/acm/latest/APIReference/API_RequestCertificate.html (IdempotencyToken) */
  @Test
  void theSameIdempotencyTokenWithinAnHourGivesOneCertificate() {
    onBoth("acm_idempotency_token",
        c -> assertThat(request(c.acm(), "token1", "first")).isEqualTo(request(c.acm(), "token1", "second")),
        c -> assertThat(request(c.acm(), "token1", "first")).isNotEqualTo(request(c.acm(), "token1", "second")));
  }

  /** A certificate and a distribution serving www.example.com with it; returns {certificate, distribution} ARNs. */
  private static String[] certificateInUse(AwsClients c) {
    String cert = c.acm().requestCertificate(b -> b.domainName("www.example.com").validationMethod("DNS")).certificateArn();
    CloudFrontClient cf = c.cloudFront();
    String distribution = cf.createDistribution(b -> b.distributionConfig(d -> d
        .callerReference("uses-cert").comment("").enabled(true)
        .aliases(a -> a.quantity(1).items("www.example.com"))
        .origins(o -> o.quantity(1).items(i -> i.id("primary").domainName("site.s3.eu-west-1.amazonaws.com")
            .s3OriginConfig(s -> s.originAccessIdentity(""))))
        .defaultCacheBehavior(x -> x.targetOriginId("primary").viewerProtocolPolicy("redirect-to-https")
            .cachePolicyId("658327ea-f89d-4fab-a63d-7e88639e58f6"))
        .viewerCertificate(v -> v.acmCertificateArn(cert).sslSupportMethod("sni-only")
            .minimumProtocolVersion("TLSv1.2_2021")))).distribution().arn();
    return new String[] {cert, distribution};
  }

  /** https://docs.aws.amazon.com/acm/latest/APIReference/API_CertificateDetail.html (InUseBy) */
  @Test
  void inUseByListsTheDistributionsUsingTheCertificate() {
    onBoth("acm_in_use_by",
        c -> {
          String[] arns = certificateInUse(c);
          assertThat(c.acm().describeCertificate(b -> b.certificateArn(arns[0])).certificate().inUseBy())
              .containsExactly(arns[1]);
        },
        c -> {
          String[] arns = certificateInUse(c);
          assertThat(c.acm().describeCertificate(b -> b.certificateArn(arns[0])).certificate().inUseBy()).isEmpty();
        });
  }

  /** https://docs.aws.amazon.com/acm/latest/APIReference/API_DeleteCertificate.html (ResourceInUseException) */
  @Test
  void deleteOfACertificateInUseFails() {
    onBoth("acm_delete_in_use",
        c -> {
          String cert = certificateInUse(c)[0];
          assertThatThrownBy(() -> c.acm().deleteCertificate(b -> b.certificateArn(cert)))
              .satisfies(awsError(400, "ResourceInUseException", cert));
          assertThat(c.acm().describeCertificate(b -> b.certificateArn(cert)).certificate().certificateArn()).isEqualTo(cert);
        },
        c -> {
          String cert = certificateInUse(c)[0];
          c.acm().deleteCertificate(b -> b.certificateArn(cert));
          assertThat(c.acm().listCertificates(b -> {}).certificateSummaryList()).isEmpty();
        });
  }
}
