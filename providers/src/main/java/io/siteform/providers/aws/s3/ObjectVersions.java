package io.siteform.providers.aws.s3;

import static io.siteform.providers.aws.AwsFailures.is;

import io.siteform.engine.resource.Address;
import io.siteform.error.Operation;
import io.siteform.error.ProviderException;
import io.siteform.providers.aws.AwsFailures;
import io.siteform.providers.aws.Parallel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.ObjectVersion;

/**
 * The object versions of a versioned bucket that releases name: which version each key serves
 * now, whether a recorded one still exists, and putting one back as the current version by a
 * server-side copy (S3 API reference, CopyObject: "x-amz-copy-source ... ?versionId=", the copy
 * keeping the source's metadata with the COPY directive), so a rollback uploads nothing.
 */
final class ObjectVersions {
  private ObjectVersions() {}

  /** The current version id of each of {@code keys} (ListObjectVersions, IsLatest); keys without one are left out. */
  static Map<String, String> current(S3Client s3, Address address, Operation op, String bucket, Collection<String> keys) {
    Map<String, String> out = new TreeMap<>();
    if (keys.isEmpty()) return out;
    try {
      for (var page : s3.listObjectVersionsPaginator(b -> b.bucket(bucket))) {
        for (ObjectVersion v : page.versions()) {
          if (Boolean.TRUE.equals(v.isLatest()) && keys.contains(v.key())) out.put(v.key(), v.versionId());
        }
      }
    } catch (SdkException e) {
      throw AwsFailures.wrap(address, op, e);
    }
    return out;
  }

  /**
   * Refuses, before anything is copied, when a version to restore is gone (a lifecycle rule of the
   * user's expired it, or someone deleted it): names every such key and version id.
   */
  static void requireAll(S3Client s3, Address address, Operation op, String bucket, Map<String, String> versions) {
    List<String> keys = new ArrayList<>(versions.keySet());
    List<Boolean> present = Parallel.map(keys, key -> {
      try {
        s3.headObject(b -> b.bucket(bucket).key(key).versionId(versions.get(key)));
        return true;
      } catch (SdkException e) {
        if (is(e, "NoSuchVersion", "NoSuchKey", "404", "400", "InvalidArgument")) return false;
        throw AwsFailures.wrap(address, op, e);
      }
    });
    List<String> gone = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      if (!present.get(i)) gone.add(keys.get(i) + " (version " + versions.get(keys.get(i)) + ")");
    }
    if (!gone.isEmpty()) {
      throw new ProviderException(address.toString(), op, "cannot roll back: bucket " + bucket + " no longer holds "
          + gone.size() + " version(s) the release published: " + String.join(", ", gone.subList(0, Math.min(10,
          gone.size()))) + (gone.size() > 10 ? ", ..." : "") + ". Nothing was changed. A lifecycle rule or a"
          + " delete removed them; publish the site from its source instead (`siteform apply`)");
    }
  }

  /** Makes {@code versionId} of {@code key} its current version again; returns the new version's id and ETag. */
  static Uploads.Put restore(S3Client s3, Address address, Operation op, String bucket, String key, String versionId) {
    CopyObjectResponse r = AwsFailures.call(address, op, () -> s3.copyObject(b -> b
        .sourceBucket(bucket).sourceKey(key).sourceVersionId(versionId)
        .destinationBucket(bucket).destinationKey(key)
        .metadataDirective(MetadataDirective.COPY)));
    return new Uploads.Put(BucketObjects.unquote(r.copyObjectResult().eTag()), r.versionId());
  }
}
