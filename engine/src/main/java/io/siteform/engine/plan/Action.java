package io.siteform.engine.plan;

import java.util.List;

/**
 * What a plan does to one resource, with the action list of the JSON plan (Terraform's spelling,
 * so existing scripts keep working); the text plan's symbols, coloured, are the renderer's. Data
 * sources are read before planning, so no change is a read.
 */
public enum Action {
  NO_OP(List.of("no-op")),
  CREATE(List.of("create")),
  UPDATE(List.of("update")),
  DELETE(List.of("delete")),
  /** Replace: the old object must go first (a bucket name is global). */
  DELETE_THEN_CREATE(List.of("delete", "create")),
  /** Replace: the new object is made first, the old one removed once nothing uses it. */
  CREATE_THEN_DELETE(List.of("create", "delete"));

  private final List<String> jsonActions;

  Action(List<String> jsonActions) {
    this.jsonActions = jsonActions;
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
