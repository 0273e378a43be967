package io.siteform.state;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One publish of the site's content, as {@code siteform releases} lists it and {@code siteform
 * rollback} restores it: every key the primary bucket served afterwards, with the S3 version id
 * siteform published it as (buckets are versioned), so a rollback copies those exact versions back
 * server-side.
 *
 * @param number 1 for the site's first publish, one more for each after it (kept when older
 *     releases are forgotten, so a number always names the same release)
 * @param time when the publish completed, ISO-8601 UTC ({@code 2025-01-02T10:00:00Z})
 * @param digest the content digest of what was published (the spec's files, their bytes and
 *     headers): equal digests are the same site
 * @param changed how many keys this publish wrote or removed against the release before it
 * @param rollbackOf the release this one put back, or 0 for a publish of the spec
 * @param files key to what was published there
 */
public record Release(long number, String time, String digest, int changed, long rollbackOf,
    Map<String, File> files) {
  public Release {
    if (number < 1) throw new IllegalArgumentException("a release number starts at 1, found " + number);
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(digest, "digest");
    // Sorted, so the next release's copy of it (the reader's, the release book's) is built in one pass.
    files = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(files));
  }

  /**
   * One published key.
   *
   * @param versionId the S3 version id the key was published as
   * @param md5 hex MD5 of the bytes
   * @param contentType the Content-Type it is served with
   * @param cacheControl the Cache-Control header, "" for none
   */
  public record File(String versionId, String md5, long size, String contentType, String cacheControl) {
    public File {
      Objects.requireNonNull(versionId, "versionId");
      Objects.requireNonNull(md5, "md5");
      Objects.requireNonNull(contentType, "contentType");
      Objects.requireNonNull(cacheControl, "cacheControl");
    }
  }
}
