package io.siteform.providers.aws.s3;

import static io.siteform.providers.aws.AwsFailures.is;

import io.siteform.engine.resource.Address;
import io.siteform.error.Operation;
import io.siteform.providers.aws.AwsFailures;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What a bucket holds, as {@link SiteFile}s. A listing gives each key's ETag and size; the ETag
 * of an object uploaded in one part is its MD5, so an unchanged site costs one listing. An object
 * uploaded in parts has an ETag with a "-" that is no MD5: siteform records the MD5 in the user
 * metadata {@value #MD5_METADATA}, which only HeadObject returns.
 */
final class BucketObjects {
  static final String MD5_METADATA = "siteform-md5";

  private BucketObjects() {}

  /** A key as ListObjectsV2 reports it; {@code etag} without quotes. */
  record Listed(String etag, long size) {
    boolean multipart() {
      return etag.contains("-");
    }
  }

  /** Every key of {@code bucket}, or empty if there is no such bucket. */
  static Optional<Map<String, Listed>> list(S3Client s3, Address address, Operation op, String bucket) {
    Map<String, Listed> out = new TreeMap<>();
    try {
      for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
        out.put(o.key(), new Listed(unquote(o.eTag()), o.size() == null ? 0L : o.size()));
      }
    } catch (SdkException e) {
      if (is(e, "NoSuchBucket")) return Optional.empty();
      throw AwsFailures.wrap(address, op, e);
    }
    return Optional.of(out);
  }

  /**
   * The published files among {@code keys}: {@code known} (what state recorded) supplies the
   * headers of an object whose MD5 it already has; any other object is asked with HeadObject.
   * Keys that are not in {@code listing}, or vanish meanwhile, are left out.
   */
  static Map<String, SiteFile> describe(S3Client s3, Address address, Operation op, String bucket,
      Map<String, Listed> listing, Collection<String> keys, Map<String, SiteFile> known) {
    Map<String, SiteFile> out = new TreeMap<>();
    List<String> toHead = new ArrayList<>();
    for (String key : keys) {
      Listed l = listing.get(key);
      if (l == null) continue;
      SiteFile k = known.get(key);
      if (!l.multipart() && k != null && k.md5().equals(l.etag())) {
        out.put(key, new SiteFile(l.etag(), l.size(), k.contentType(), k.cacheControl()));
      } else {
        toHead.add(key);
      }
    }
    List<Optional<SiteFile>> headed = Parallel.map(toHead, key -> head(s3, address, op, bucket, key)
        .map(h -> new SiteFile(md5(h, listing.get(key).etag()), listing.get(key).size(),
            text(h.contentType()), text(h.cacheControl()))));
    for (int i = 0; i < toHead.size(); i++) {
      String key = toHead.get(i);
      headed.get(i).ifPresent(f -> out.put(key, f));
    }
    return out;
  }

  /** HeadObject of {@code key}, or empty if it is gone. */
  static Optional<HeadObjectResponse> head(S3Client s3, Address address, Operation op, String bucket, String key) {
    try {
      return Optional.of(s3.headObject(b -> b.bucket(bucket).key(key)));
    } catch (SdkException e) {
      if (is(e, "NoSuchKey", "404")) return Optional.empty();
      throw AwsFailures.wrap(address, op, e);
    }
  }

  /**
   * The MD5 of an object: the one siteform recorded in its metadata when it uploaded it, else its
   * ETag. Only a plain upload without SSE-KMS has its MD5 for ETag: a multipart upload's or an
   * SSE-KMS object's ETag matches nothing (S3 API reference, Common Response Headers: ETag).
   */
  static String md5(HeadObjectResponse h, String etag) {
    String recorded = h.metadata().get(MD5_METADATA);
    return recorded == null || recorded.isBlank() ? etag : recorded;
  }

  static String unquote(String etag) {
    if (etag == null) return "";
    return etag.startsWith("\"") && etag.endsWith("\"") && etag.length() >= 2 ? etag.substring(1, etag.length() - 1) : etag;
  }

  private static String text(String s) {
    return s == null ? "" : s;
  }
}
