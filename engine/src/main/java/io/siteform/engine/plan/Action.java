package io.siteform.engine.plan;

import java.util.List;

/**
 * What a plan does to one resource, with the symbol the text plan shows and the action list of
 * the JSON plan (Terraform's spelling, so existing scripts keep working).
 */
public enum Action {
  NO_OP(" ", List.of("no-op")),
  CREATE("+", List.of("create")),
  READ("<=", List.of("read")),
  UPDATE("~", List.of("update")),
  DELETE("-", List.of("delete")),
  /** Replace: the old object must go first (a bucket name is global). */
  DELETE_THEN_CREATE("-/+", List.of("delete", "create")),
  /** Replace: the new object is made first, the old one removed once nothing uses it. */
  CREATE_THEN_DELETE("+/-", List.of("create", "delete"));

  private final String symbol;
  private final List<String> jsonActions;

  Action(String symbol, List<String> jsonActions) {
    this.symbol = symbol;
    this.jsonActions = jsonActions;
  }

  public String symbol() {
    return symbol;
  }

  public List<String> jsonActions() {
    return jsonActions;
  }

  public boolean isReplace() {
    return this == DELETE_THEN_CREATE || this == CREATE_THEN_DELETE;
  }

  public boolean creates() {
    return this == CREATE || isReplace();
  }

  public boolean deletes() {
    return this == DELETE || isReplace();
  }
}
