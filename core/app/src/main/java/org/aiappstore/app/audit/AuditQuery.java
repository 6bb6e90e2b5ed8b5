package org.aiappstore.app.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/** Filters and a page of the audit log; {@code after} is the last record of the previous page. */
public record AuditQuery(
    String actor, String action, String target, Instant from, Instant to, Cursor after, int limit) {

  /** A position in the log (time, then id, both descending), opaque to clients. */
  public record Cursor(Instant at, String id) {

    public String encode() {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString((at.toEpochMilli() + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    public static Optional<Cursor> decode(String value) {
      try {
        String plain = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
        int colon = plain.indexOf(':');
        if (colon <= 0 || colon == plain.length() - 1) {
          return Optional.empty();
        }
        return Optional.of(
            new Cursor(
                Instant.ofEpochMilli(Long.parseLong(plain.substring(0, colon))),
                plain.substring(colon + 1)));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
  }
}
