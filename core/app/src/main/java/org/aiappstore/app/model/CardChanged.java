package org.aiappstore.app.model;

/**
 * Fired (synchronously, after the database write) whenever a card is created, changed or deleted,
 * for features that follow cards such as the search index.
 */
public record CardChanged(String cardId, Kind kind) {

  public enum Kind {
    CREATED,
    UPDATED,
    DELETED
  }
}
