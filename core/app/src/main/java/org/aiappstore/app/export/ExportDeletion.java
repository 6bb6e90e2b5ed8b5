package org.aiappstore.app.export;

import java.time.Clock;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.aiappstore.app.job.Job;
import org.aiappstore.app.job.JobRepository;
import org.aiappstore.app.problem.ProblemException;
import org.aiappstore.plugin.api.data.DataConnector;
import org.bson.Document;

/**
 * Deletes an export: the stored bundle first, then the record. When the store refuses, the record
 * stays, marked with the reason, so that the object is not forgotten (the original deleted the log
 * and left the file behind), and the answer is 502.
 */
final class ExportDeletion {

  private static final Logger LOG = Logger.getLogger(ExportDeletion.class.getName());

  private final JobRepository jobs;
  private final Function<String, DataConnector> connectors;
  private final Clock clock;

  ExportDeletion(JobRepository jobs, Function<String, DataConnector> connectors, Clock clock) {
    this.jobs = jobs;
    this.connectors = connectors;
    this.clock = clock;
  }

  void delete(Job job) {
    if (!job.state().terminal()) {
      throw new ProblemException(
          409, "EXPORT_RUNNING", "The export is still " + job.state().id() + "; cancel it first.");
    }
    Document result = job.result();
    if (result != null && result.getString("key") != null) {
      try {
        connectors.apply(result.getString("connectorId")).delete(result.getString("key"));
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Could not delete the bundle of export " + job.id(), e);
        jobs.updateResult(
            job.id(),
            new Document(result)
                .append("deleteFailed", true)
                .append("deleteError", String.valueOf(e.getMessage()))
                .append("deleteAttemptedAt", clock.instant().toString()));
        throw new ProblemException(
            502,
            "BUNDLE_DELETE_FAILED",
            "The bundle could not be deleted from storage; the export is kept and marked. Try again"
                + " later.");
      }
    }
    jobs.delete(job.id());
  }
}
