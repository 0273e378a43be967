package io.siteform.engine.spec;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Naming rules AWS enforces, checked before any call so a bad name costs no half-built site. Each
 * check returns what is wrong, in words a user can act on, or empty when the name is fine.
 */
final class Names {
  private static final Pattern SITE = Pattern.compile("[a-z0-9-]{1,40}");
  private static final Pattern IP = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final Pattern ACM_ARN =
      Pattern.compile("arn:aws:acm:([a-z0-9-]+):(\\d{12}):certificate/[A-Za-z0-9-]+");
  // https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
  private static final List<String> RESERVED_PREFIXES = List.of("xn--", "sthree-", "amzn-s3-demo-");
  private static final List<String> RESERVED_SUFFIXES =
      List.of("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3");

  private Names() {}

  /** site.name becomes part of IAM role names and CloudFront caller references. */
  static Optional<String> siteName(String name) {
    if (SITE.matcher(name).matches()) return Optional.empty();
    return Optional.of(
        "site name '" + name + "' is invalid: use 1 to 40 lowercase letters, digits and hyphens"
            + " (it becomes part of IAM role names and CloudFront caller references)");
  }

  /** AWS's rules for general-purpose buckets; reports the first rule broken. */
  static Optional<String> bucket(String name) {
    String why = bucketRule(name);
    return why == null
        ? Optional.empty()
        : Optional.of("bucket name '" + name + "' is invalid: " + why);
  }

  private static String bucketRule(String n) {
    if (n.length() < 3 || n.length() > 63) {
      return "it has " + n.length() + " characters; S3 bucket names have 3 to 63";
    }
    for (int i = 0; i < n.length(); i++) {
      char c = n.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-')) {
        return "it contains '" + c + "'; use only lowercase letters, digits, dots and hyphens";
      }
    }
    if (!alnum(n.charAt(0)) || !alnum(n.charAt(n.length() - 1))) {
      return "it must begin and end with a lowercase letter or a digit";
    }
    if (n.contains("..")) return "it must not contain two adjacent periods";
    if (IP.matcher(n).matches()) return "it must not be formatted as an IP address";
    for (String p : RESERVED_PREFIXES) {
      if (n.startsWith(p)) return "the prefix '" + p + "' is reserved by AWS";
    }
    for (String s : RESERVED_SUFFIXES) {
      if (n.endsWith(s)) return "the suffix '" + s + "' is reserved by AWS";
    }
    return null;
  }

  private static boolean alnum(char c) {
    return c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
  }

  /** A DNS name as Route53 and CloudFront take it: RFC 1123 labels, lowercase, optional "*.". */
  static Optional<String> dnsName(String name, boolean wildcardAllowed) {
    String body = name;
    if (wildcardAllowed && body.startsWith("*.")) body = body.substring(2);
    if (body.isEmpty()) return Optional.of("'" + name + "' is not a DNS name");
    if (body.length() > 253) {
      return Optional.of("'" + name + "' is longer than 253 characters, the DNS limit");
    }
    if (!body.equals(body.toLowerCase(java.util.Locale.ROOT))) {
      return Optional.of("'" + name + "' has uppercase letters; write it in lowercase");
    }
    if (body.endsWith(".")) return Optional.of("'" + name + "' must not end with a dot");
    for (String label : body.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        String hint = label.contains("*")
            ? "a wildcard is only allowed as the whole first label, as in *.example.com"
            : "each label has 1 to 63 letters, digits or inner hyphens";
        return Optional.of("'" + name + "' is not a valid DNS name: label '" + label + "': " + hint);
      }
    }
    return Optional.empty();
  }

  /** Problems of an ACM certificate ARN, the region rule included. */
  static Optional<String> certificateArn(String arn) {
    Matcher m = ACM_ARN.matcher(arn);
    if (!m.matches()) {
      return Optional.of(
          "'" + arn + "' is not an ACM certificate ARN; write"
              + " arn:aws:acm:us-east-1:ACCOUNT_ID:certificate/CERTIFICATE_ID (12-digit account)");
    }
    if (!m.group(1).equals("us-east-1")) {
      return Optional.of(
          "the certificate is in " + m.group(1) + ", but CloudFront only accepts certificates"
              + " from us-east-1; use a us-east-1 certificate or write `certificate: {validation: dns}`");
    }
    return Optional.empty();
  }
}
