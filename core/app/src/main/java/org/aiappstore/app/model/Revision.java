package org.aiappstore.app.model;

import java.time.Instant;
import java.util.List;

/**
 * One change of a card: the content as it was after the change, who made it, when, and which fields
 * it touched. {@code number} equals the card version the change produced (1 = creation).
 */
public record Revision(
    String cardId,
    long number,
    String authorId,
    Instant createdAt,
    List<String> fields,
    Long restoredFrom,
    CardContent content) {

  public Revision {
    fields = List.copyOf(fields);
  }
}
