package org.aiappstore.app.export;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.aiappstore.app.connector.ConnectorRegistry;
import org.aiappstore.app.identity.security.Caller;
import org.aiappstore.app.job.Job;
import org.aiappstore.app.job.JobRepository;
import org.aiappstore.app.job.JobService;
import org.aiappstore.app.problem.ProblemException;
import org.aiappstore.plugin.api.data.ByteRange;
import org.aiappstore.plugin.api.data.StoredObject;
import org.bson.Document;

/** Export records are the jobs of type {@code export}; their bundle is a stored object. */
@ApplicationScoped
public class ExportService {

  private static final Logger LOG = Logger.getLogger(ExportService.class.getName());

  @Inject JobService jobs;
  @Inject JobRepository repository;
  @Inject ConnectorRegistry connectors;

  private final Clock clock = Clock.systemUTC();

  public Job submit(Caller caller, JsonObject body) {
    ExportSelection selection = ExportSelection.parse(body);
    return jobs.submit(ExportJob.TYPE, selection.toParams(), caller);
  }

  public Job get(String id) {
    return jobs.get(id, ExportJob.TYPE);
  }

  public List<Job> list(int page, int size) {
    return jobs.list(ExportJob.TYPE, page, size);
  }

  public long count() {
    return jobs.count(ExportJob.TYPE);
  }

  /** The stored bundle, open for reading; 409 while there is none. */
  public Bundle bundle(String id) {
    Job job = get(id);
    Document result = job.result();
    if (result == null || result.getString("key") == null || !job.state().terminal()) {
      throw new ProblemException(
          409, "EXPORT_NOT_READY", "This export has no bundle (" + job.summary() + ").");
    }
    StoredObject object =
        connectors
            .dataConnector(result.getString("connectorId"))
            .get(result.getString("key"), ByteRange.all());
    return new Bundle(object, result.getString("fileName"));
  }

  /**
   * Deletes the stored bundle, then the record. When the store refuses, the record stays, marked
   * with the reason, so the object is not forgotten, and the answer is 502.
   */
  public void delete(String id) {
    Job job = get(id);
    if (!job.state().terminal()) {
      throw new ProblemException(
          409, "EXPORT_RUNNING", "The export is still " + job.state().id() + "; cancel it first.");
    }
    Document result = job.result();
    if (result != null && result.getString("key") != null) {
      try {
        connectors.dataConnector(result.getString("connectorId")).delete(result.getString("key"));
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Could not delete the bundle of export " + id, e);
        Instant now = clock.instant();
        repository.updateResult(
            id,
            new Document(result)
                .append("deleteFailed", true)
                .append("deleteError", String.valueOf(e.getMessage()))
                .append("deleteAttemptedAt", now.toString()));
        throw new ProblemException(
            502,
            "BUNDLE_DELETE_FAILED",
            "The bundle could not be deleted from storage; the export is kept and marked. Try again"
                + " later.");
      }
    }
    repository.delete(id);
  }

  /** An open bundle and the file name to offer. */
  public record Bundle(StoredObject object, String fileName) {}
}
