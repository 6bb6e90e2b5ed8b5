package org.aiappstore.app.webhook;

import org.aiappstore.app.problem.ProblemException;

/** {@code If-Match} handling of webhook changes, as cards have it: a change names its version. */
final class WebhookPreconditions {

  private WebhookPreconditions() {}

  /** The version an {@code If-Match} header names; 428 when it is missing. */
  static long required(String ifMatch) {
    if (ifMatch == null || ifMatch.isBlank()) {
      throw new ProblemException(
          428,
          "PRECONDITION_REQUIRED",
          "Send If-Match with the ETag of the webhook you read, so that a change never overwrites"
              + " someone else's.");
    }
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
      // fall through: a weak tag, "*" or garbage never matches a webhook version
    }
    throw stale();
  }

  static ProblemException stale() {
    return new ProblemException(
        412,
        "STALE_WEBHOOK",
        "The webhook changed since you read it; reload it and apply your change again.");
  }
}
