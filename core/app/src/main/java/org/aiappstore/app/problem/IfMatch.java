package org.aiappstore.app.problem;

/**
 * {@code If-Match} handling of a kind of versioned resource (cards, webhooks): a write names the
 * version it was based on, as the resource's ETag gave it, so that a change never overwrites one
 * made meanwhile.
 */
public final class IfMatch {

  private final String noun;
  private final String staleCode;

  /**
   * @param noun what the resource is called in answers ("card")
   * @param staleCode the code of the 412 when the version has moved on ("STALE_CARD")
   */
  public IfMatch(String noun, String staleCode) {
    this.noun = noun;
    this.staleCode = staleCode;
  }

  /** The version an {@code If-Match} header names; 428 when it is missing. */
  public long required(String ifMatch) {
    if (ifMatch == null || ifMatch.isBlank()) {
      throw new ProblemException(
          428,
          "PRECONDITION_REQUIRED",
          "Send If-Match with the ETag of the "
              + noun
              + " you read, so that a change never overwrites someone else's.");
    }
    return version(ifMatch);
  }

  /** The version an optional {@code If-Match} header names, or null when there is none. */
  public Long optional(String ifMatch) {
    return ifMatch == null || ifMatch.isBlank() ? null : version(ifMatch);
  }

  private long version(String ifMatch) {
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
      // fall through: a weak tag, "*" or garbage never matches a version
    }
    throw stale();
  }

  /** 412: the resource changed since the caller read it. */
  public ProblemException stale() {
    return new ProblemException(
        412,
        staleCode,
        "The " + noun + " changed since you read it; reload it and apply your change again.");
  }
}
