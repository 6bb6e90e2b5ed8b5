package org.aiappstore.app.export;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.util.List;
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

  /** Deletes the stored bundle, then the record (see {@link ExportDeletion}). */
  public void delete(String id) {
    new ExportDeletion(repository, connectors::dataConnector, clock).delete(get(id));
  }

  /** An open bundle and the file name to offer. */
  public record Bundle(StoredObject object, String fileName) {}
}
