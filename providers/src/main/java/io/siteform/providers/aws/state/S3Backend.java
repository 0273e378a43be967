package io.siteform.providers.aws.state;

import static io.siteform.providers.aws.AwsFailures.is;

import io.siteform.engine.provider.Progress;
import io.siteform.engine.resource.Address;
import io.siteform.error.Operation;
import io.siteform.error.StateException;
import io.siteform.providers.aws.Poller;
import io.siteform.providers.aws.Waits;
import io.siteform.state.LockHolder;
import io.siteform.state.State;
import io.siteform.state.StateBackend;
import io.siteform.state.StateCodec;
import io.siteform.state.StateLock;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * State shared by a team and CI: one object in an S3 bucket (versioned, so every earlier state
 * is kept), locked with S3 conditional writes. The lock is a second object created with {@code
 * If-None-Match: *}, which S3 grants to exactly one writer; each state write sends {@code If-Match}
 * with the ETag last read or written, so two writers can never silently overwrite each other.
 * See https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html.
 *
 * <p>A conditional write whose answer is lost (a 500, a dropped connection) may have landed, and
 * the SDK's retry of it then gets 412: so a 412 is checked by reading the object back. A lock
 * holding this run's lock id is this run's lock; a state carrying this write's token (in {@value
 * #WRITE_TOKEN} metadata) is this write. Only another writer's object is a conflict. S3's 409
 * {@code ConditionalRequestConflict} is retried within {@link Waits#CONDITIONAL_WRITE_CONFLICT}.
 */
public final class S3Backend implements StateBackend {
  /** User metadata naming the write that stored a state object, to recognise it after a lost answer. */
  static final String WRITE_TOKEN = "siteform-write";
  // The poller reports interrupts against an address; the backend's writes are not resources.
  private static final Address LOCK = new Address("s3_state", "lock");
  private static final Address STATE = new Address("s3_state", "state");

  private final S3Client s3;
  private final Poller poller;
  private final String bucket;
  private final String key;
  private final StateCodec codec = new StateCodec();
  private volatile String etag;

  public S3Backend(S3Client s3, String bucket, String key) {
    this(s3, bucket, key, new Poller(Waits.DEFAULTS));
  }

  public S3Backend(S3Client s3, String bucket, String key, Poller poller) {
    this.s3 = Objects.requireNonNull(s3, "s3");
    this.poller = Objects.requireNonNull(poller, "poller");
    this.bucket = Objects.requireNonNull(bucket, "bucket");
    this.key = Objects.requireNonNull(key, "key");
  }

  @Override
  public String location() {
    return "s3://" + bucket + "/" + key;
  }

  private String lockKey() {
    return key + ".lock";
  }

  @Override
  public Optional<State> read() {
    ResponseBytes<GetObjectResponse> bytes;
    try {
      bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
    } catch (SdkException e) {
      if (is(e, "NoSuchKey")) return Optional.empty();
      throw failure("cannot read the state", e);
    }
    etag = bytes.response().eTag();
    return Optional.of(codec.fromJson(bytes.asString(StandardCharsets.UTF_8), location()));
  }

  @Override
  public StateLock lock(String operation) {
    String lockId = UUID.randomUUID().toString();
    byte[] holder = LockHolder.self(operation, lockId);
    try {
      conditionalPut(LOCK, Operation.CREATE, () -> s3.putObject(
          b -> b.bucket(bucket).key(lockKey()).ifNoneMatch("*").contentType("application/json"),
          RequestBody.fromBytes(holder)));
    } catch (SdkException e) {
      if (!is(e, "PreconditionFailed")) throw failure("cannot lock the state", e);
      byte[] lock = currentLock().orElse(new byte[0]);
      String id = LockHolder.id(lock).orElse(null);
      // Our own create, landed before its answer was lost and retried by the SDK: the lock is ours.
      if (!lockId.equals(id)) {
        throw new StateException(location(), "the state is locked " + describe(lock)
            + (id == null ? "" : " (lock ID " + id + ")") + ". If no siteform is running against this state"
            + " any more, the lock is stale: clear it with: "
            + (id == null ? "aws s3 rm s3://" + bucket + "/" + lockKey() : "siteform force-unlock " + id));
      }
    }
    AtomicBoolean released = new AtomicBoolean();
    return () -> {
      if (!released.compareAndSet(false, true)) return;
      try {
        s3.deleteObject(b -> b.bucket(bucket).key(lockKey()));
      } catch (SdkException e) {
        throw failure("cannot remove the lock; delete s3://" + bucket + "/" + lockKey() + " by hand", e);
      }
    };
  }

  @Override
  public void write(State state) {
    String body = codec.toJson(state);
    String expected = etag;
    String token = UUID.randomUUID().toString();
    PutObjectResponse r;
    try {
      r = conditionalPut(STATE, expected == null ? Operation.CREATE : Operation.UPDATE, () -> s3.putObject(b -> {
        b.bucket(bucket).key(key).contentType("application/json").metadata(Map.of(WRITE_TOKEN, token));
        // The first write creates the object; every later one replaces exactly what was read.
        if (expected == null) b.ifNoneMatch("*");
        else b.ifMatch(expected);
      }, RequestBody.fromString(body, StandardCharsets.UTF_8)));
    } catch (SdkException e) {
      if (!is(e, "PreconditionFailed")) throw failure("cannot write the state", e);
      // This very write, landed before its answer was lost and retried by the SDK, counts as written.
      etag = writtenBy(token).orElseThrow(() -> new StateException(location(), "the state was changed by"
          + " someone else while this run held the lock (or the lock was removed by hand); nothing was"
          + " overwritten. Run `siteform plan` to see where things stand"));
      return;
    }
    etag = r.eTag();
  }

  /** A conditional PutObject, repeated while S3 answers 409 ConditionalRequestConflict ("retry"). */
  private PutObjectResponse conditionalPut(Address what, Operation op, Supplier<PutObjectResponse> put) {
    return poller.retryWhen(what, op, Progress.NONE, Waits.CONDITIONAL_WRITE_CONFLICT,
        "S3 to finish a conflicting conditional write on " + location(),
        e -> is(e, "ConditionalRequestConflict"), put);
  }

  /** The state object's ETag if its last write was the one carrying {@code token}; else empty. */
  private Optional<String> writtenBy(String token) {
    try {
      HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key));
      return token.equals(head.metadata().get(WRITE_TOKEN)) ? Optional.of(head.eTag()) : Optional.empty();
    } catch (SdkException unreadable) {
      return Optional.empty();
    }
  }

  /**
   * Deletes the lock object if it is lock {@code lockId}. S3 cannot tell whether its holder still
   * runs: the user names the lock they mean, after reading who holds it.
   */
  @Override
  public String forceUnlock(String lockId) {
    ResponseBytes<GetObjectResponse> lock;
    try {
      lock = s3.getObjectAsBytes(b -> b.bucket(bucket).key(lockKey()));
    } catch (SdkException e) {
      if (is(e, "NoSuchKey")) throw new StateException(location(), "the state is not locked; there is nothing to unlock");
      throw failure("cannot read the lock", e);
    }
    byte[] content = lock.asByteArray();
    String id = LockHolder.id(content).orElse(null);
    if (!lockId.equals(id)) {
      throw new StateException(location(), lockId + " is not the id of this state's lock: it is locked "
          + describe(content) + (id == null ? " (a lock without an id)" : " (lock ID " + id + ")")
          + "; nothing was unlocked");
    }
    try {
      // Only the object read: a lock taken meanwhile by another run has another ETag and stays.
      s3.deleteObject(b -> b.bucket(bucket).key(lockKey()).ifMatch(lock.response().eTag()));
    } catch (SdkException e) {
      if (is(e, "PreconditionFailed")) {
        throw new StateException(location(), "the lock changed while it was being cleared; nothing was unlocked."
            + " Run the command again to see who holds it now");
      }
      throw failure("cannot remove the lock", e);
    }
    return describe(content);
  }

  private Optional<byte[]> currentLock() {
    try {
      return Optional.of(s3.getObjectAsBytes(b -> b.bucket(bucket).key(lockKey())).asByteArray());
    } catch (SdkException unreadable) {
      return Optional.empty();
    }
  }

  private static String describe(byte[] lock) {
    return LockHolder.describe(lock).orElse("by another run (the lock does not say who)");
  }

  private StateException failure(String what, SdkException e) {
    String why = is(e, "NoSuchBucket") ? "bucket " + bucket + " does not exist; create it (versioned) first"
        : is(e, "AccessDenied") ? "access denied; the credentials need s3:GetObject, s3:PutObject and"
            + " s3:DeleteObject on s3://" + bucket + "/" + key + "*"
        : String.valueOf(e.getMessage());
    return new StateException(location(), what + ": " + why, e);
  }
}
