package io.siteform.providers.aws.iam;

import static org.assertj.core.api.Assertions.assertThat;

import io.siteform.engine.provider.CreateRequest;
import io.siteform.engine.provider.DeleteRequest;
import io.siteform.engine.provider.LiveResource;
import io.siteform.engine.provider.Progress;
import io.siteform.engine.provider.ReadRequest;
import io.siteform.engine.provider.UpdateRequest;
import io.siteform.engine.resource.Address;
import io.siteform.providers.aws.AwsClients;
import io.siteform.providers.aws.Waits;
import io.siteform.providers.testing.FaultProxy;
import io.siteform.providers.testing.MotoExtension;
import io.siteform.providers.testing.MotoServer;
import io.siteform.state.Values;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MotoExtension.class)
class IamRoleProviderIT {
  private static final Address ADDRESS = new Address("iam_role", "replication");
  private static final String REGION = "us-east-1";

  private final MotoServer moto;
  private final AwsClients clients;
  private final IamRoleProvider provider;

  IamRoleProviderIT(MotoServer moto) {
    this.moto = moto;
    this.clients = moto.newClients();
    this.provider = new IamRoleProvider(clients, Waits.DEFAULTS);
  }

  @AfterEach
  void closeClients() {
    clients.close();
  }

  static Map<String, Object> trust() {
    return Map.of("Version", "2012-10-17", "Statement", List.of(Map.of(
        "Effect", "Allow", "Principal", Map.of("Service", "s3.amazonaws.com"), "Action", "sts:AssumeRole")));
  }

  static Map<String, Object> policy(String source, String destination) {
    return Map.of("Version", "2012-10-17", "Statement", List.of(
        Map.of("Effect", "Allow",
            "Action", List.of("s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl"),
            "Resource", List.of("arn:aws:s3:::" + source + "/*")),
        Map.of("Effect", "Allow",
            "Action", List.of("s3:ListBucket", "s3:GetReplicationConfiguration"),
            "Resource", List.of("arn:aws:s3:::" + source)),
        Map.of("Effect", "Allow",
            "Action", List.of("s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags", "s3:GetObjectVersionTagging"),
            "Resource", "arn:aws:s3:::" + destination + "/*")));
  }

  static Map<String, Object> desired(String name) {
    return Map.of(
        "name", name,
        "assume_role_policy", trust(),
        "policy_name", "crrRolePolicy",
        "policy", policy("src", "dst"),
        "tags", Map.of("site", "ticket-service-ui"));
  }

  private Optional<LiveResource> read(String name, Map<String, Object> prior) {
    return provider.read(new ReadRequest(ADDRESS, REGION, name, prior));
  }

  /**
   * IAM right after CreateRole: GetRole answers NoSuchEntity, then the unique id where the ARN
   * belongs; DeleteRole after the policy's deletion answers DeleteConflict (hashicorp iam/role.go).
   * The recorded ARN is the real one, and the delete goes through.
   */
  @Test
  void aRoleRidesOutIamPropagationOnCreateAndDelete() {
    moto.untidy("iam_role_propagation");
    LiveResource created = provider.create(new CreateRequest(ADDRESS, REGION, desired("propagating"), Progress.NONE));

    assertThat((String) created.attributes().get("arn")).startsWith("arn:aws:iam::").endsWith(":role/propagating");
    List<String> progress = new java.util.ArrayList<>();
    provider.delete(new DeleteRequest(ADDRESS, REGION, "propagating", created.attributes(), progress::add));
    assertThat(progress).contains(
        "waiting for IAM to finish removing the policies of role propagating (AWS answered DeleteConflict)");
    assertThat(read("propagating", created.attributes())).isEmpty();
  }

  /** The role and its recorded policy are asked at once: GetRole is held at a proxy until GetRolePolicy arrives. */
  @Test
  void aRefreshAsksForTheRoleAndItsPolicyAtOnce() {
    LiveResource created = provider.create(new CreateRequest(ADDRESS, REGION, desired("together"), Progress.NONE));
    try (FaultProxy proxy = new FaultProxy(moto.endpoint(), 100);
        AwsClients viaProxy = proxy.newClients()) {
      FaultProxy.Hold role = proxy.hold(r -> r.action().equals("GetRole"), r -> r.action().equals("GetRolePolicy"), 1);
      IamRoleProvider p = new IamRoleProvider(viaProxy, Waits.DEFAULTS);

      Optional<LiveResource> live = p.read(new ReadRequest(ADDRESS, REGION, "together", created.attributes()));

      assertThat(live).contains(created);
      assertThat(role.metWhileHeld()).isTrue();
      assertThat(p.read(new ReadRequest(ADDRESS, REGION, "gone", created.attributes()))).isEmpty();
    }
  }

  @Test
  void lifecycle() {
    Map<String, Object> desired = desired("site-crr");

    LiveResource created = provider.create(new CreateRequest(ADDRESS, REGION, desired, Progress.NONE));

    assertThat(created.id()).isEqualTo("site-crr");
    assertThat(created.attributes().get("arn")).isEqualTo("arn:aws:iam::123456789012:role/site-crr");
    assertThat((String) created.attributes().get("unique_id")).isNotBlank();
    LiveResource read = read("site-crr", created.attributes()).orElseThrow();
    assertThat(read).isEqualTo(created);
    Values.copyMap(desired).forEach((k, v) -> assertThat(read.attributes()).as(k).containsEntry(k, v));

    Map<String, Object> changed = new HashMap<>(desired);
    changed.put("policy", policy("src", "other-dst"));
    changed.put("policy_name", "crrRolePolicyV2");
    changed.put("tags", Map.of("owner", "jane"));
    LiveResource updated = provider.update(
        new UpdateRequest(ADDRESS, REGION, "site-crr", read.attributes(), changed, Progress.NONE));
    Values.copyMap(changed).forEach((k, v) -> assertThat(updated.attributes()).as(k).containsEntry(k, v));
    assertThat(clients.iam().listRolePolicies(b -> b.roleName("site-crr")).policyNames())
        .containsExactly("crrRolePolicyV2");

    // drift: someone edits the inline policy and the trust policy by hand
    clients.iam().putRolePolicy(b -> b.roleName("site-crr").policyName("crrRolePolicyV2")
        .policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}"));
    LiveResource drifted = read("site-crr", updated.attributes()).orElseThrow();
    assertThat(drifted.attributes().get("policy")).isEqualTo(Values.copy(Map.of("Version", "2012-10-17",
        "Statement", List.of(Map.of("Effect", "Allow", "Action", "s3:*", "Resource", "*")))));

    // IAM refuses to delete a role with a managed policy attached: delete detaches it first
    String managed = clients.iam().createPolicy(b -> b.policyName("extra").policyDocument(
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:ListAllMyBuckets\",\"Resource\":\"*\"}]}"))
        .policy().arn();
    clients.iam().attachRolePolicy(b -> b.roleName("site-crr").policyArn(managed));
    provider.delete(new DeleteRequest(ADDRESS, REGION, "site-crr", drifted.attributes(), Progress.NONE));
    assertThat(read("site-crr", Map.of())).isEmpty();
    provider.delete(new DeleteRequest(ADDRESS, REGION, "site-crr", drifted.attributes(), Progress.NONE));
  }

  @Test
  void roleWithoutInlinePolicyReadsAsEmpty() {
    clients.iam().createRole(b -> b.roleName("bare").assumeRolePolicyDocument(
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"s3.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"));

    Map<String, Object> a = read("bare", Map.of()).orElseThrow().attributes();

    assertThat(a).containsEntry("policy_name", "").containsEntry("policy", Map.of())
        .containsEntry("tags", Map.of()).containsEntry("assume_role_policy", Values.copy(trust()));
  }

  @Test
  void missingRoleReadsEmptyAndDeletesQuietly() {
    assertThat(read("nobody", Map.of())).isEmpty();
    provider.delete(new DeleteRequest(ADDRESS, REGION, "nobody", Map.of(), Progress.NONE));
  }
}
