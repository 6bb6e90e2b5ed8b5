package org.aiappstore.app.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.aiappstore.app.export.ExportJob;
import org.aiappstore.app.export.ImportJob;
import org.aiappstore.app.job.Job;
import org.aiappstore.app.job.JobFinished;
import org.aiappstore.app.model.CardChanged;

/**
 * Publishes card changes and the end of export and import jobs to webhooks. A job's event is sent
 * whatever its end state; {@code data.state} says which (succeeded, completed_with_failures,
 * failed, cancelled).
 */
@ApplicationScoped
public class WebhookEventObserver {

  @Inject WebhookPublisher publisher;

  void onCard(@Observes CardChanged change) {
    publisher.publish(
        "card." + change.kind().name().toLowerCase(Locale.ROOT), Map.of("cardId", change.cardId()));
  }

  void onJob(@Observes JobFinished finished) {
    Job job = finished.job();
    String type;
    if (ExportJob.TYPE.equals(job.type())) {
      type = WebhookEvents.EXPORT_COMPLETED;
    } else if (ImportJob.TYPE.equals(job.type())) {
      type = WebhookEvents.IMPORT_COMPLETED;
    } else {
      return;
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("jobId", job.id());
    data.put("state", job.state().id());
    data.put("summary", job.summary());
    data.put("total", job.total());
    data.put("done", job.done());
    data.put("failed", job.failed());
    publisher.publish(type, data);
  }
}
