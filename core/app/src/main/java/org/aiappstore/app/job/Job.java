package org.aiappstore.app.job;

import java.time.Instant;
import java.util.List;
import org.bson.Document;

/**
 * A persistent background job. {@code params} are what the requester chose, {@code result} what the
 * job produced (e.g. where an export bundle is stored); {@code runner} is the instance running it
 * and {@code heartbeatAt} when that instance last reported; {@code version} grows with every
 * change, so it serves as ETag.
 */
public record Job(
    String id,
    String type,
    JobState state,
    Document params,
    String requestedById,
    String requestedBy,
    long total,
    long done,
    long failed,
    List<JobItem> items,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    Instant heartbeatAt,
    String error,
    Document result,
    boolean cancelRequested,
    String runner,
    int attempts,
    long version) {

  public Job {
    items = List.copyOf(items);
  }

  /** A human summary of the outcome, e.g. "completed with 2 failures". */
  public String summary() {
    switch (state) {
      case QUEUED:
        return "queued";
      case RUNNING:
        return "running: " + done + " of " + total;
      case SUCCEEDED:
        return "completed";
      case COMPLETED_WITH_FAILURES:
        return "completed with " + failed + (failed == 1 ? " failure" : " failures");
      case FAILED:
        return "failed: " + error;
      default:
        return "cancelled";
    }
  }

  public String etag() {
    return "\"" + version + "\"";
  }
}
