package org.aiappstore.app.job;

import org.bson.Document;

/**
 * The outcome of one item of a job (a card exported or imported): {@code done}, {@code skipped} or
 * {@code failed}, with the reason when it did not simply succeed.
 */
public record JobItem(String id, String label, String status, String reason) {

  public static final String DONE = "done";
  public static final String SKIPPED = "skipped";
  public static final String FAILED = "failed";

  public boolean failed() {
    return FAILED.equals(status);
  }

  Document toDocument() {
    return new Document("id", id)
        .append("label", label)
        .append("status", status)
        .append("reason", reason);
  }

  static JobItem fromDocument(Document d) {
    return new JobItem(
        d.getString("id"), d.getString("label"), d.getString("status"), d.getString("reason"));
  }
}
