package io.siteform.providers.aws;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import software.amazon.awssdk.regions.Region;

/** The AWS region codes a spec may name, as the SDK knows them. */
public final class AwsRegions {
  // A real region is area-direction-number (eu-west-1, us-gov-east-1, cn-north-1,
  // us-iso-east-1); pseudo regions (aws-global, s3-external-1, fips-*, *-fips-*) are not.
  private static final Pattern REAL = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");

  private AwsRegions() {}

  /** Real region codes, sorted; no global, FIPS or S3 pseudo regions. */
  public static Set<String> known() {
    TreeSet<String> out = new TreeSet<>();
    for (Region r : Region.regions()) {
      String id = r.id();
      if (!r.isGlobalRegion() && REAL.matcher(id).matches() && !id.contains("fips") && !id.startsWith("s3")) {
        out.add(id);
      }
    }
    return Set.copyOf(out);
  }
}
