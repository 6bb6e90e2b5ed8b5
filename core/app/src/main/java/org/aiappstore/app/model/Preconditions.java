package org.aiappstore.app.model;

import org.aiappstore.app.problem.IfMatch;
import org.aiappstore.app.problem.ProblemException;

/** {@code If-Match} handling of cards: writes must name the version they were based on. */
final class Preconditions {

  private static final IfMatch CARDS = new IfMatch("card", "STALE_CARD");

  private Preconditions() {}

  /** The version an {@code If-Match} header names; 428 when it is missing. */
  static long required(String ifMatch) {
    return CARDS.required(ifMatch);
  }

  /** The version an optional {@code If-Match} header names, or null when there is none. */
  static Long optional(String ifMatch) {
    return CARDS.optional(ifMatch);
  }

  static void check(long expected, ModelCard card) {
    if (expected != card.version()) {
      throw stale();
    }
  }

  static ProblemException stale() {
    return CARDS.stale();
  }
}
