package org.aiappstore.app.export;

import java.util.ArrayList;
import java.util.List;
import org.aiappstore.app.job.JobContext;
import org.aiappstore.app.job.JobItem;
import org.bson.Document;

/** Collects what a job reports, for tests of the export and import steps without the runner. */
final class RecordingContext implements JobContext {
  long total;
  final List<JobItem> items = new ArrayList<>();
  Document result;

  @Override
  public void total(long total) {
    this.total = total;
  }

  @Override
  public void item(JobItem item) {
    items.add(item);
  }

  @Override
  public void result(Document result) {
    this.result = result;
  }

  @Override
  public void checkpoint() {}

  List<String> statuses() {
    return items.stream().map(JobItem::status).toList();
  }
}
