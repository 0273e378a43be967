package io.siteform.cli;

import io.siteform.engine.resource.Expander;
import io.siteform.state.ResourceState;
import io.siteform.state.State;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Which site a state belongs to, and the command that hands it to another. */
final class SiteOwnership {
  private SiteOwnership() {}

  /**
   * The site the state records; for a state from before siteform recorded it, the site its
   * objects are tagged with ({@code siteform:site}); empty for a state no site has claimed.
   */
  static Optional<String> owner(State state) {
    if (state.site().isPresent()) return state.site();
    return state.resources().stream()
        .map(ResourceState::attributes)
        .map(a -> a.get("tags") instanceof Map<?, ?> tags ? tags.get(Expander.SITE_TAG) : null)
        .filter(String.class::isInstance).map(String.class::cast)
        .findFirst();
  }

  /** {@code siteform --reassign-state ARGS...}, quoted for a POSIX shell where needed. */
  static String withReassign(List<String> args) {
    StringBuilder b = new StringBuilder("siteform --reassign-state");
    for (String a : args) b.append(' ').append(a.matches("[A-Za-z0-9_./=:@%+,-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
    return b.toString();
  }
}
