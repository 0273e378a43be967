package io.siteform.providers.aws.s3;

import static io.siteform.providers.aws.AwsFailures.is;

import io.siteform.engine.resource.Address;
import io.siteform.error.Operation;
import io.siteform.providers.aws.AwsFailures;
import io.siteform.providers.aws.Parallel;
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

  /** ListObjectsV2's largest page, and what a listing is split by. */
  static final int PAGE = 1000;

  /**
   * Every key of {@code bucket}, or empty if there is no such bucket, listed in parallel ranges
   * (issue 14.3): ListObjectsV2 pages one after another, each waiting for the one before's
   * continuation token, so a 20,000-key bucket was 20 round trips end to end. {@code expected} (the
   * keys the state recorded) splits the key space into ranges of about a page each, every range
   * listed from its own StartAfter at once; a range holding more than expected pages on. What a
   * range returns past its end is left to the next range, so the union is the bucket's listing,
   * exactly once per key, whatever the bucket holds. Without expected keys, or with a page's worth
   * or fewer, one listing as before.
   */
  static Optional<Map<String, Listed>> list(S3Client s3, Address address, Operation op, String bucket,
      Collection<String> expected) {
    return list(s3, address, op, bucket, expected, PAGE);
  }

  /** {@link #list(S3Client, Address, Operation, String, Collection)} in pages and ranges of {@code page} keys (tests use few). */
  static Optional<Map<String, Listed>> list(S3Client s3, Address address, Operation op, String bucket,
      Collection<String> expected, int page) {
    List<String> bounds = bounds(expected, page);
    if (bounds.isEmpty()) return range(s3, address, op, bucket, null, null, page);
    List<String> starts = new ArrayList<>();
    starts.add(null);
    starts.addAll(bounds);
    List<Optional<Map<String, Listed>>> ranges = Parallel.map(java.util.stream.IntStream.range(0, starts.size())
        .boxed().toList(), i -> range(s3, address, op, bucket, starts.get(i), i < bounds.size() ? bounds.get(i) : null, page));
    Map<String, Listed> out = new TreeMap<>();
    for (Optional<Map<String, Listed>> r : ranges) {
      if (r.isEmpty()) return Optional.empty();
      out.putAll(r.get());
    }
    return Optional.of(out);
  }

  /**
   * The last key of every {@code page} keys of {@code expected} in S3's order (UTF-8 bytes), but the
   * last page's: where each range after the first starts (exclusive) and the one before ends
   * (inclusive).
   */
  static List<String> bounds(Collection<String> expected, int page) {
    if (expected.size() <= page) return List.of();
    List<String> sorted = new ArrayList<>(new java.util.TreeSet<>(expected));
    sorted.sort(S3_ORDER);
    List<String> out = new ArrayList<>();
    for (int i = page - 1; i < sorted.size() - 1; i += page) out.add(sorted.get(i));
    return out;
  }

  /** S3 lists keys in the order of their UTF-8 bytes, which is not String's (UTF-16) order beyond the BMP. */
  static final java.util.Comparator<String> S3_ORDER = (a, b) -> java.util.Arrays.compareUnsigned(
      a.getBytes(java.nio.charset.StandardCharsets.UTF_8), b.getBytes(java.nio.charset.StandardCharsets.UTF_8));

  /** The keys after {@code after} (all if null) up to {@code last} inclusive (to the end if null). */
  private static Optional<Map<String, Listed>> range(S3Client s3, Address address, Operation op, String bucket,
      String after, String last, int pageSize) {
    Map<String, Listed> out = new TreeMap<>();
    try {
      String token = null;
      while (true) {
        String t = token;
        var page = s3.listObjectsV2(b -> {
          b.bucket(bucket);
          if (pageSize != PAGE) b.maxKeys(pageSize);
          if (t != null) b.continuationToken(t);
          else if (after != null) b.startAfter(after);
        });
        String seen = null;
        for (S3Object o : page.contents()) {
          if (last != null && S3_ORDER.compare(o.key(), last) > 0) return Optional.of(out);
          out.put(o.key(), new Listed(unquote(o.eTag()), o.size() == null ? 0L : o.size()));
          seen = o.key();
        }
        // Ends at its last key: the next range starts after it, so no request for what is beyond.
        if (!Boolean.TRUE.equals(page.isTruncated()) || page.nextContinuationToken() == null
            || (last != null && last.equals(seen))) {
          return Optional.of(out);
        }
        token = page.nextContinuationToken();
      }
    } catch (SdkException e) {
      if (is(e, "NoSuchBucket")) return Optional.empty();
      throw AwsFailures.wrap(address, op, e);
    }
  }

  /** Every key of {@code bucket}, or empty if there is no such bucket: one range, from the first key to the last. */
  static Optional<Map<String, Listed>> list(S3Client s3, Address address, Operation op, String bucket) {
    return range(s3, address, op, bucket, null, null, PAGE);
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
