package io.siteform.engine.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a plan does that the user may not mean although the spec says so: an empty content folder
 * (a build that wrote nothing, a wrong {@code content.source}) publishes nothing and, with {@code
 * delete: true}, takes the whole site down. Pure: read from the plan's own changes.
 */
public final class ContentWarnings {
  private ContentWarnings() {}

  /** One line per warning, in address order; none for a plan without such a change. */
  public static List<String> of(Plan plan) {
    List<String> out = new ArrayList<>();
    for (ResourceChange c : plan.actions()) {
      if (!c.address().type().equals("site_content") || c.desired().isEmpty()) continue;
      if (!(c.after().get("files") instanceof Map<?, ?> files) || !files.isEmpty()) continue;
      Map<?, ?> published = c.prior().map(p -> p.attributes().get("files"))
          .filter(Map.class::isInstance).map(Map.class::cast).orElse(Map.of());
      if (published.isEmpty()) {
        out.add("content.source is empty: nothing is published, and the site serves no page");
      } else if (Boolean.TRUE.equals(c.after().get("delete"))) {
        out.add("content.source is empty: this deletes every published object, " + published.size()
            + (published.size() == 1 ? " file" : " files")
            + (published.containsKey("index.html") ? ", including index.html" : "")
            + "; build the site first or correct content.source");
      } else {
        out.add("content.source is empty: nothing is published (delete: false keeps the "
            + published.size() + " published " + (published.size() == 1 ? "file" : "files") + ")");
      }
    }
    return out;
  }
}
