package org.aiappstore.app.export;

import java.util.Arrays;
import java.util.Optional;

/** What an import does with a card whose id, or owner and slug, already exist. */
enum ConflictMode {
  /** Leave the existing card alone and report the imported one skipped. */
  SKIP("skip"),
  /**
   * Replace the existing card (with its history) by the bundle's; if importing the bundle's card
   * fails, the existing one stays as it was.
   */
  OVERWRITE("overwrite"),
  /** Import beside it, under a new id if needed and the next free slug ("name-2"). */
  NEW_SLUG("new-slug");

  private final String id;

  ConflictMode(String id) {
    this.id = id;
  }

  String id() {
    return id;
  }

  static Optional<ConflictMode> of(String id) {
    return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst();
  }
}
