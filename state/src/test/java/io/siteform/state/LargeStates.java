package io.siteform.state;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

/**
 * A state shaped like a real site's after a few re-publishes (the bench's 2,000-file site): the
 * content with its files and versions, the invalidation with a digest per file, the removal with
 * every path, the infrastructure around them, and ten releases, the oldest in full and each later
 * one changing 20 files. Deterministic for a given file count.
 */
public final class LargeStates {
  private LargeStates() {}

  public static State site(int fileCount) {
    Random random = new Random(fileCount);
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < fileCount; i++) {
      paths.add(switch (i % 4) {
        case 0 -> String.format("page-%05d.html", i);
        case 1 -> String.format("assets/page-%05d.js", i);
        case 2 -> String.format("assets/page-%05d.css", i);
        default -> String.format("img/photo-%05d.png", i);
      });
    }
    Map<String, Object> files = new TreeMap<>();
    Map<String, Object> versions = new TreeMap<>();
    Map<String, Object> digests = new TreeMap<>();
    Map<String, Release.File> released = new TreeMap<>();
    for (String p : paths) {
      String md5 = hex(random, 32);
      long size = 200 + random.nextInt(20_000);
      String type = p.endsWith(".html") ? "text/html; charset=utf-8"
          : p.endsWith(".js") ? "text/javascript; charset=utf-8"
          : p.endsWith(".css") ? "text/css; charset=utf-8" : "image/png";
      String cache = p.startsWith("assets/") ? "public, max-age=31536000, immutable" : "";
      files.put(p, Map.of("md5", md5, "size", size, "content_type", type, "cache_control", cache));
      String version = uuid(random);
      versions.put(p, version);
      digests.put(p, hex(random, 16));
      released.put(p, new Release.File(version, md5, size, type, cache));
    }
    List<Object> replicas = List.of(Map.of("bucket", "site-replica", "region", "ap-southeast-1"));

    Map<String, Object> content = new LinkedHashMap<>();
    content.put("bucket", "site-primary");
    content.put("delete", true);
    content.put("files", files);
    content.put("keep_releases", 10);
    content.put("replicas", replicas);
    content.put("replication_prefix", "");
    content.put("source", "/home/ci/work/site/dist");
    content.put("versions", versions);

    Map<String, Object> rewrites = new TreeMap<>();
    paths.subList(0, Math.min(20, paths.size())).forEach(p -> rewrites.put(p, "written"));
    Map<String, Object> invalidation = Map.of("digests", digests, "distribution_id", "L29PV1EFIOVR6",
        "mode", "changed", "rewrites", rewrites);

    Map<String, Object> removal = new LinkedHashMap<>();
    removal.put("bucket", "site-primary");
    removal.put("due", List.of());
    removal.put("keep_removed_seconds", 86400);
    removal.put("paths", paths);
    removal.put("removed", 0);
    removal.put("replicas", replicas);
    removal.put("strays", List.of());

    Map<String, Object> distribution = new LinkedHashMap<>();
    distribution.put("aliases", List.of("www.example.com"));
    distribution.put("arn", "arn:aws:cloudfront::123456789012:distribution/L29PV1EFIOVR6");
    distribution.put("caller_reference", "siteform-site-5d0e66af-9fec-4520-a789-de08224b07fa");
    distribution.put("comment", "siteform: site");
    distribution.put("custom_error_responses", List.of(Map.of("error_code", 404, "response_code", 404,
        "response_page_path", "/404.html", "error_caching_min_ttl", 10)));
    distribution.put("default_cache_behavior", Map.of("allowed_methods", List.of("GET", "HEAD"),
        "cache_policy_id", "658327ea-f89d-4fab-a63d-7e88639e58f6", "compress", true,
        "viewer_protocol_policy", "redirect-to-https"));
    distribution.put("default_root_object", "index.html");
    distribution.put("domain_name", "d111111abcdef8.cloudfront.net");
    distribution.put("enabled", true);
    distribution.put("http_version", "http2and3");
    distribution.put("ipv6", true);
    distribution.put("weight", new BigDecimal("0.10"));
    distribution.put("origin_group", Map.of("failover_status_codes", List.of(500, 502, 503, 504, 403, 404)));

    Map<String, Object> bucket = Map.of("abort_incomplete_uploads_days", 7,
        "arn", "arn:aws:s3:::site-primary", "bucket", "site-primary",
        "encryption", Map.of("algorithm", "AES256", "bucket_key", false),
        "public_access_block", Map.of("block_public_acls", true, "block_public_policy", true,
            "ignore_public_acls", true, "restrict_public_buckets", true),
        "regional_domain_name", "site-primary.s3.eu-west-1.amazonaws.com",
        "tags", Map.of("managed-by", "siteform", "siteform:site", "site"), "versioning", true);
    Map<String, Object> replicaBucket = new LinkedHashMap<>(bucket);
    replicaBucket.put("bucket", "site-replica");
    String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AllowCloudFront\",\"Effect\":\"Allow\","
        + "\"Principal\":{\"Service\":\"cloudfront.amazonaws.com\"},\"Action\":\"s3:GetObject\","
        + "\"Resource\":\"arn:aws:s3:::site-primary/*\"}]}";

    List<ResourceState> resources = List.of(
        new ResourceState("cloudfront_distribution.site", "cloudfront_distribution", "us-east-1", "L29PV1EFIOVR6",
            distribution, List.of("cloudfront_origin_access.site", "s3_bucket.primary")),
        new ResourceState("cloudfront_invalidation.site", "cloudfront_invalidation", "us-east-1", "I2J0I21PCUYOIK",
            invalidation, List.of("cloudfront_distribution.site", "site_content.site")),
        new ResourceState("cloudfront_origin_access.site", "cloudfront_origin_access", "us-east-1", "E74FTE3AEXAMPL",
            Map.of("description", "siteform: site", "name", "site", "origin_type", "s3",
                "signing_behavior", "always", "signing_protocol", "sigv4"), List.of()),
        new ResourceState("iam_role.replication", "iam_role", "us-east-1", "siteform-site-replication",
            Map.of("arn", "arn:aws:iam::123456789012:role/siteform-site-replication", "policy", policy,
                "name", "siteform-site-replication", "tags", Map.of("managed-by", "siteform")), List.of()),
        new ResourceState("s3_bucket.primary", "s3_bucket", "eu-west-1", "site-primary", bucket, List.of()),
        new ResourceState("s3_bucket.replica_ap_southeast_1", "s3_bucket", "ap-southeast-1", "site-replica",
            replicaBucket, List.of()),
        new ResourceState("s3_bucket_policy.primary", "s3_bucket_policy", "eu-west-1", "site-primary",
            Map.of("bucket", "site-primary", "policy", policy), List.of("s3_bucket.primary")),
        new ResourceState("s3_bucket_policy.replica_ap_southeast_1", "s3_bucket_policy", "ap-southeast-1",
            "site-replica", Map.of("bucket", "site-replica", "policy", policy),
            List.of("s3_bucket.replica_ap_southeast_1")),
        new ResourceState("s3_replication.primary", "s3_replication", "eu-west-1", "site-primary",
            Map.of("bucket", "site-primary", "role_arn", "arn:aws:iam::123456789012:role/siteform-site-replication",
                "rules", List.of(Map.of("destination", "arn:aws:s3:::site-replica", "prefix", "", "priority", 1))),
            List.of("iam_role.replication", "s3_bucket.primary", "s3_bucket.replica_ap_southeast_1")),
        new ResourceState("site_content.site", "site_content", "eu-west-1", "site-primary", content,
            List.of("s3_bucket.primary", "s3_bucket_policy.primary")),
        new ResourceState("site_content_removal.site", "site_content_removal", "eu-west-1", "site-primary",
            removal, List.of("cloudfront_invalidation.site", "site_content.site")));

    List<Release> releases = new ArrayList<>();
    Map<String, Release.File> current = new TreeMap<>(released);
    for (int n = 40; n < 50; n++) {
      if (n > 40) {
        for (int e = 0; e < Math.min(20, paths.size()); e++) {
          String p = paths.get(random.nextInt(paths.size()));
          Release.File f = current.get(p);
          current.put(p, new Release.File(uuid(random), hex(random, 32), f.size() + 1, f.contentType(),
              f.cacheControl()));
        }
      }
      releases.add(new Release(n, String.format("2025-01-%02dT10:00:00Z", n - 39), "sha256:" + hex(random, 32),
          n == 40 ? paths.size() : 20, 0, current));
    }
    return new State(State.FORMAT_VERSION, 116, "5d01758d-80ba-47c9-a23d-0393856314d8", Optional.of("site"),
        resources, releases);
  }

  private static String hex(Random random, int digits) {
    StringBuilder s = new StringBuilder(digits);
    for (int i = 0; i < digits; i++) s.append(Character.forDigit(random.nextInt(16), 16));
    return s.toString();
  }

  private static String uuid(Random random) {
    return new java.util.UUID(random.nextLong(), random.nextLong()).toString();
  }
}
