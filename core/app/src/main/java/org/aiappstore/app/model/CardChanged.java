package org.aiappstore.app.model;

/**
 * Fired (synchronously, after the database write) whenever a card is created, changed or deleted,
 * for features that follow cards such as the search index. {@code version} is the version the write
 * produced (for a deletion: the version deleted), so that an observer reads the revision of this
 * write and not of a later one; null when the writer does not know it (an import).
 */
public record CardChanged(String cardId, Kind kind, Long version) {

  public enum Kind {
    CREATED,
    UPDATED,
    DELETED
  }

  /** A change whose version is not known. */
  public CardChanged(String cardId, Kind kind) {
    this(cardId, kind, null);
  }
}
