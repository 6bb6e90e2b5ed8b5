package org.aiappstore.app.job;

import java.util.Locale;

/** Where a job is in its life. The last four are terminal: nothing changes a job after them. */
public enum JobState {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  COMPLETED_WITH_FAILURES,
  FAILED,
  CANCELLED;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean terminal() {
    return this != QUEUED && this != RUNNING;
  }

  public static JobState of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}
