package org.aiappstore.app.job;

import org.bson.Document;

/** What a running job reports back; each call is persisted at once, so progress is live. */
public interface JobContext {

  /** How many items the job will process. */
  void total(long total);

  /** Records one item's outcome and moves progress on by one. */
  void item(JobItem item);

  /** Stores what the job produced so far (replaces the earlier result). */
  void result(Document result);

  /**
   * Throws {@link JobCancelledException} if the job was cancelled or this instance no longer owns
   * it; a no-op otherwise.
   */
  void checkpoint();
}
