package io.siteform.providers.aws.iam;

import static io.siteform.providers.aws.AwsFailures.call;
import static io.siteform.providers.aws.AwsFailures.is;

import io.siteform.engine.provider.CreateRequest;
import io.siteform.engine.provider.DeleteRequest;
import io.siteform.engine.provider.LiveResource;
import io.siteform.engine.provider.Provider;
import io.siteform.engine.provider.ReadRequest;
import io.siteform.engine.provider.ResourceSchema;
import io.siteform.engine.provider.UpdateRequest;
import io.siteform.engine.provider.Progress;
import io.siteform.engine.resource.Address;
import io.siteform.error.Operation;
import io.siteform.error.ProviderException;
import io.siteform.providers.aws.AwsClients;
import io.siteform.providers.aws.AwsFailures;
import io.siteform.providers.aws.Parallel;
import io.siteform.providers.aws.Json;
import io.siteform.providers.aws.Poller;
import io.siteform.providers.aws.SiteTag;
import io.siteform.providers.aws.Waits;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * {@code iam_role}: a role with one inline policy, like the seed's replication role. The id is
 * the role name; IAM is global, so the request's region is ignored.
 *
 * <p>Attributes: {@code name}, {@code assume_role_policy} (Map: the trust policy document),
 * {@code policy_name} (String, "" if the role has no inline policy), {@code policy} (Map: the
 * inline policy document, empty if none), {@code tags} (Map of String). Computed: {@code arn},
 * {@code unique_id}.
 */
public final class IamRoleProvider implements Provider {
  public static final String TYPE = "iam_role";

  private static final ResourceSchema SCHEMA =
      io.siteform.engine.provider.Schemas.IAM_ROLE;

  private final AwsClients clients;
  private final Poller poller;

  public IamRoleProvider(AwsClients clients, Waits waits) {
    this(clients, new Poller(waits));
  }

  /** @param poller the retries while IAM catches up with a role just created or a policy just deleted */
  public IamRoleProvider(AwsClients clients, Poller poller) {
    this.clients = Objects.requireNonNull(clients, "clients");
    this.poller = Objects.requireNonNull(poller, "poller");
  }

  @Override
  public ResourceSchema schema() {
    return SCHEMA;
  }

  @Override
  public Optional<LiveResource> read(ReadRequest request) {
    Object policyName = request.prior().get("policy_name");
    return read(request.address(), request.id(), policyName instanceof String s ? s : null, Operation.READ);
  }

  /**
   * @param policyName the inline policy siteform manages; when absent or gone, the role's first
   *     inline policy stands for it, so that drift shows as a changed name
   */
  private Optional<LiveResource> read(Address address, String name, String policyName, Operation op) {
    IamClient iam = clients.iam();
    boolean named = policyName != null && !policyName.isEmpty();
    // The role and its recorded policy at once (IAM is global: from a runner elsewhere a round
    // trip is 100 ms or more); the policy counts only if the role is there.
    Parallel.Both<Role, Optional<String>> found = Parallel.both(() -> iam.getRole(b -> b.roleName(name)).role(),
        () -> named ? inlinePolicy(iam, address, op, name, policyName) : Optional.<String>empty());
    Role role;
    try {
      role = found.first().get();
    } catch (SdkException e) {
      if (is(e, "NoSuchEntity")) return Optional.empty();
      throw AwsFailures.wrap(address, op, e);
    }
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("name", role.roleName());
    a.put("arn", role.arn());
    a.put("unique_id", role.roleId());
    a.put("assume_role_policy", document(address, op, role.assumeRolePolicyDocument()));
    // The recorded policy is asked for by name: one request, and the same answer a listing would
    // lead to. Only when it is gone does the listing say which policy stands for it.
    Optional<String> recorded = found.second().get();
    String current = policyName;
    if (recorded.isEmpty()) {
      List<String> inline = new ArrayList<>(
          call(address, op, () -> iam.listRolePoliciesPaginator(b -> b.roleName(name)).policyNames().stream().toList()));
      inline.sort(null);
      current = inline.isEmpty() ? "" : inline.get(0);
      String first = current;
      recorded = first.isEmpty() ? Optional.empty() : inlinePolicy(iam, address, op, name, first);
    }
    a.put("policy_name", current);
    a.put("policy", recorded.map(d -> document(address, op, d)).orElse(Map.of()));
    // GetRole answers with every tag of the role (IAM API reference, GetRole: Role.Tags).
    Map<String, Object> tags = new TreeMap<>();
    role.tags().forEach(t -> tags.put(t.key(), t.value()));
    a.put("tags", tags);
    return Optional.of(new LiveResource(role.roleName(), a));
  }

  /** The inline policy's document, or empty if the role has no policy of that name. */
  private static Optional<String> inlinePolicy(IamClient iam, Address address, Operation op, String role, String policy) {
    try {
      return Optional.of(iam.getRolePolicy(b -> b.roleName(role).policyName(policy)).policyDocument());
    } catch (SdkException e) {
      if (is(e, "NoSuchEntity")) return Optional.empty();
      throw AwsFailures.wrap(address, op, e);
    }
  }

  /** IAM returns policy documents URL-encoded (RFC 3986); the SDK does not decode them. */
  private static Map<String, Object> document(Address address, Operation op, String encoded) {
    if (encoded == null || encoded.isEmpty()) return Map.of();
    String json = encoded.trim().startsWith("{") ? encoded : URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    try {
      return Json.readObject(json);
    } catch (IllegalArgumentException e) {
      throw new ProviderException(address.toString(), op, "AWS returned a policy document that is not JSON: " + e.getMessage());
    }
  }

  @Override
  public LiveResource create(CreateRequest request) {
    Address address = request.address();
    Map<String, Object> d = request.desired();
    String name = (String) d.get("name");
    IamClient iam = clients.iam();
    try {
      iam.createRole(b -> b.roleName(name)
          .assumeRolePolicyDocument(Json.write(d.get("assume_role_policy")))
          .tags(tags(d.get("tags"))));
    } catch (SdkException e) {
      if (!is(e, "EntityAlreadyExists")) throw AwsFailures.wrap(address, Operation.CREATE, e);
      // An earlier apply that created it and died before recording it (or whose answer was lost)
      // left it tagged with this site: adopt it. Anyone else's role is refused.
      LiveResource existing = readBack(address, name, null, Operation.CREATE);
      if (!SiteTag.ours(existing.attributes(), d)) {
        throw new ProviderException(address.toString(), Operation.CREATE,
            "role " + name + " already exists and is not this site's (" + SiteTag.describe(existing.attributes())
                + "): adopt it with `siteform import " + address
                + " " + name + "` or choose another site name", "EntityAlreadyExists", null, e);
      }
      request.progress().report("adopting role " + name + ", created for this site by an earlier apply");
      return update(new UpdateRequest(address, request.region(), name, existing.attributes(), d, request.progress(),
          request.checkpoint()));
    }
    request.checkpoint().reached(new LiveResource(name, Map.of("name", name)));
    String policyName = (String) d.getOrDefault("policy_name", "");
    if (!policyName.isEmpty()) {
      try {
        poller.retryWhen(address, Operation.CREATE, request.progress(), Waits.ROLE_PROPAGATION, "IAM to see role " + name,
            e -> is(e, "NoSuchEntity"), () -> putPolicy(iam, name, policyName, d.get("policy")));
      } catch (SdkException e) {
        throw AwsFailures.wrap(address, Operation.CREATE, e);
      }
    }
    return readBack(address, name, policyName, Operation.CREATE);
  }

  @Override
  public LiveResource update(UpdateRequest request) {
    Address address = request.address();
    Map<String, Object> prior = request.prior();
    Map<String, Object> d = request.desired();
    String name = request.id();
    IamClient iam = clients.iam();
    if (changed("assume_role_policy", prior, d)) {
      call(address, Operation.UPDATE, () -> iam.updateAssumeRolePolicy(b -> b.roleName(name)
          .policyDocument(Json.write(d.get("assume_role_policy")))));
    }
    String oldName = (String) prior.getOrDefault("policy_name", "");
    String newName = (String) d.getOrDefault("policy_name", oldName);
    if (!newName.isEmpty() && (changed("policy", prior, d) || !newName.equals(oldName))) {
      call(address, Operation.UPDATE, () -> putPolicy(iam, name, newName, d.getOrDefault("policy", prior.get("policy"))));
    }
    if (!oldName.isEmpty() && !oldName.equals(newName)) {
      try {
        iam.deleteRolePolicy(b -> b.roleName(name).policyName(oldName));
      } catch (SdkException e) {
        if (!is(e, "NoSuchEntity")) throw AwsFailures.wrap(address, Operation.UPDATE, e);
      }
    }
    if (changed("tags", prior, d)) {
      Map<?, ?> oldTags = (Map<?, ?>) prior.getOrDefault("tags", Map.of());
      Map<?, ?> newTags = (Map<?, ?>) d.get("tags");
      List<String> gone = oldTags.keySet().stream().map(String::valueOf)
          .filter(k -> !newTags.containsKey(k)).toList();
      if (!gone.isEmpty()) call(address, Operation.UPDATE, () -> iam.untagRole(b -> b.roleName(name).tagKeys(gone)));
      if (!newTags.isEmpty()) call(address, Operation.UPDATE, () -> iam.tagRole(b -> b.roleName(name).tags(tags(newTags))));
    }
    return readBack(address, name, newName, Operation.UPDATE);
  }

  private static Object putPolicy(IamClient iam, String role, String policyName, Object doc) {
    return iam.putRolePolicy(b -> b.roleName(role).policyName(policyName).policyDocument(Json.write(doc)));
  }

  /**
   * The role as IAM has it now, waiting while IAM does not yet return one created a moment ago
   * ({@code NoSuchEntity}), or returns its unique id ({@code AROA...}) where its ARN belongs: an
   * ARN recorded that way would go into the replication configuration (the hashicorp provider's
   * {@code waitRoleARNIsNotUniqueID}).
   */
  private LiveResource readBack(Address address, String name, String policyName, Operation op) {
    return poller.await(address, op, Progress.NONE, Waits.ROLE_PROPAGATION, () -> {
      Optional<LiveResource> role = read(address, name, policyName, op);
      if (role.isEmpty()) return Poller.pending("role " + name + " is not visible in IAM yet");
      Object arn = role.get().attributes().get("arn");
      if (!(arn instanceof String a) || !a.startsWith("arn:")) {
        return Poller.pending("IAM returns role " + name + "'s unique id " + arn + " where its ARN belongs");
      }
      return Poller.done(role.get());
    });
  }

  private static boolean changed(String key, Map<String, Object> prior, Map<String, Object> desired) {
    return desired.containsKey(key) && !Objects.equals(prior.get(key), desired.get(key));
  }

  private static List<Tag> tags(Object map) {
    if (!(map instanceof Map<?, ?> m)) return List.of();
    return m.entrySet().stream()
        .map(e -> Tag.builder().key(String.valueOf(e.getKey())).value(String.valueOf(e.getValue())).build())
        .toList();
  }

  /** Deletes inline policies, detaches managed ones and leaves instance profiles, as IAM requires first. */
  @Override
  public void delete(DeleteRequest request) {
    Address address = request.address();
    String name = request.id();
    IamClient iam = clients.iam();
    try {
      for (String p : iam.listRolePoliciesPaginator(b -> b.roleName(name)).policyNames()) {
        iam.deleteRolePolicy(b -> b.roleName(name).policyName(p));
      }
      iam.listAttachedRolePoliciesPaginator(b -> b.roleName(name)).attachedPolicies()
          .forEach(p -> iam.detachRolePolicy(b -> b.roleName(name).policyArn(p.policyArn())));
      iam.listInstanceProfilesForRolePaginator(b -> b.roleName(name)).instanceProfiles()
          .forEach(ip -> iam.removeRoleFromInstanceProfile(b -> b.roleName(name).instanceProfileName(ip.instanceProfileName())));
      // IAM may still be propagating the policy deletions above (DeleteConflict).
      poller.retryWhen(address, Operation.DELETE, request.progress(), Waits.ROLE_PROPAGATION,
          "IAM to finish removing the policies of role " + name, e -> is(e, "DeleteConflict"),
          () -> iam.deleteRole(b -> b.roleName(name)));
    } catch (SdkException e) {
      if (is(e, "NoSuchEntity")) return;
      throw AwsFailures.wrap(address, Operation.DELETE, e);
    }
  }
}
