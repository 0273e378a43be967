package io.siteform.providers.aws;

import io.siteform.engine.resource.Expander;
import java.util.Map;
import java.util.Optional;

/**
 * Whose an object found by name is: the {@code siteform:site} tag siteform puts on everything it
 * creates. An object carrying this site's tag is one an earlier apply made and did not record
 * (it died, or AWS's answer was lost), and is adopted; any other is somebody else's, and refused.
 */
public final class SiteTag {
  private SiteTag() {}

  /** The site named by the tags in {@code attributes}, if any. */
  public static Optional<String> of(Map<String, Object> attributes) {
    return attributes.get("tags") instanceof Map<?, ?> t && t.get(Expander.SITE_TAG) != null
        ? Optional.of(String.valueOf(t.get(Expander.SITE_TAG))) : Optional.empty();
  }

  /** Whether the object {@code live} belongs to the site that {@code desired} is for. */
  public static boolean ours(Map<String, Object> live, Map<String, Object> desired) {
    Optional<String> want = of(desired);
    return want.isPresent() && want.equals(of(live));
  }

  /** How a refusal names the tag found: {@code its siteform:site tag is "other"} or {@code ... is missing}. */
  public static String describe(Map<String, Object> live) {
    return "its " + Expander.SITE_TAG + " tag is " + of(live).map(s -> "\"" + s + "\"").orElse("missing");
  }
}
