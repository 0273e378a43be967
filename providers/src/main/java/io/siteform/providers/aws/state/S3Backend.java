package io.siteform.providers.aws.state;

import static io.siteform.providers.aws.AwsFailures.is;

import io.siteform.error.StateException;
import io.siteform.state.LockHolder;
import io.siteform.state.State;
import io.siteform.state.StateBackend;
import io.siteform.state.StateCodec;
import io.siteform.state.StateLock;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * State shared by a team and CI: one object in an S3 bucket (versioned, so every earlier state
 * is kept), locked with S3 conditional writes. The lock is a second object created with {@code
 * If-None-Match: *}, which S3 grants to exactly one writer; each state write sends {@code If-Match}
 * with the ETag last read or written, so two writers can never silently overwrite each other.
 * See https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html.
 */
public final class S3Backend implements StateBackend {
  private final S3Client s3;
  private final String bucket;
  private final String key;
  private final StateCodec codec = new StateCodec();
  private volatile String etag;

  public S3Backend(S3Client s3, String bucket, String key) {
    this.s3 = Objects.requireNonNull(s3, "s3");
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
    byte[] holder = LockHolder.self(operation);
    try {
      s3.putObject(b -> b.bucket(bucket).key(lockKey()).ifNoneMatch("*").contentType("application/json"),
          RequestBody.fromBytes(holder));
    } catch (SdkException e) {
      if (is(e, "PreconditionFailed", "ConditionalRequestConflict")) {
        byte[] lock = currentLock().orElse(new byte[0]);
        String id = LockHolder.id(lock).orElse(null);
        throw new StateException(location(), "the state is locked " + describe(lock)
            + (id == null ? "" : " (lock ID " + id + ")") + ". If no siteform is running against this state"
            + " any more, the lock is stale: clear it with: "
            + (id == null ? "aws s3 rm s3://" + bucket + "/" + lockKey() : "siteform force-unlock " + id));
      }
      throw failure("cannot lock the state", e);
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
    PutObjectResponse r;
    try {
      r = s3.putObject(b -> {
        b.bucket(bucket).key(key).contentType("application/json");
        // The first write creates the object; every later one replaces exactly what was read.
        if (expected == null) b.ifNoneMatch("*");
        else b.ifMatch(expected);
      }, RequestBody.fromString(body, StandardCharsets.UTF_8));
    } catch (SdkException e) {
      if (is(e, "PreconditionFailed", "ConditionalRequestConflict")) {
        throw new StateException(location(), "the state was changed by someone else while this run held"
            + " the lock (or the lock was removed by hand); nothing was overwritten. Run `siteform plan`"
            + " to see where things stand");
      }
      throw failure("cannot write the state", e);
    }
    etag = r.eTag();
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
