package org.aiappstore.app.model;

import org.aiappstore.app.problem.ProblemException;

/** {@code If-Match} handling: writes must name the version they were based on. */
final class Preconditions {

  private Preconditions() {}

  /** The version an {@code If-Match} header names; 428 when it is missing. */
  static long required(String ifMatch) {
    if (ifMatch == null || ifMatch.isBlank()) {
      throw new ProblemException(
          428,
          "PRECONDITION_REQUIRED",
          "Send If-Match with the ETag of the card you read, so that an edit never overwrites"
              + " someone else's.");
    }
    return version(ifMatch);
  }

  /** The version an optional {@code If-Match} header names, or null when there is none. */
  static Long optional(String ifMatch) {
    return ifMatch == null || ifMatch.isBlank() ? null : version(ifMatch);
  }

  private static long version(String ifMatch) {
    String tag = ifMatch.strip();
    if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
      tag = tag.substring(1, tag.length() - 1);
    }
    try {
      long version = Long.parseLong(tag);
      if (version > 0) {
        return version;
      }
    } catch (NumberFormatException e) {
      // fall through: a weak tag, "*" or garbage never matches a card version
    }
    throw stale();
  }

  static void check(long expected, ModelCard card) {
    if (expected != card.version()) {
      throw stale();
    }
  }

  static ProblemException stale() {
    return new ProblemException(
        412,
        "STALE_CARD",
        "The card changed since you read it; reload it and apply your change again.");
  }
}
