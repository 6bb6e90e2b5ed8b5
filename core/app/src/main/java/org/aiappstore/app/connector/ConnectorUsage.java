package org.aiappstore.app.connector;

import com.mongodb.client.model.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.aiappstore.app.job.JobRepository;
import org.aiappstore.app.job.JobState;
import org.aiappstore.app.media.MediaStore;
import org.aiappstore.app.persistence.MongoConnection;

/**
 * What a data connector instance still stores: media files (their records name the instance) and
 * bundles (an export's result, an import's upload until its job has run). An instance that stores
 * any of them must not be deleted, or those files can no longer be read or deleted.
 */
@ApplicationScoped
public class ConnectorUsage {

  @Inject MongoConnection mongo;

  public ConnectorUsage() {}

  public ConnectorUsage(MongoConnection mongo) {
    this.mongo = mongo;
  }

  /** Media records whose file is stored by the instance. */
  public long mediaFiles(String instanceId) {
    return mongo
        .database()
        .getCollection(MediaStore.COLLECTION)
        .countDocuments(Filters.eq("connectorId", instanceId));
  }

  /** Export bundles stored by the instance, and import uploads not yet imported. */
  public long bundles(String instanceId) {
    return mongo
        .database()
        .getCollection(JobRepository.COLLECTION)
        .countDocuments(
            Filters.or(
                Filters.and(
                    Filters.eq("result.connectorId", instanceId), Filters.exists("result.key")),
                Filters.and(
                    Filters.eq("params.connectorId", instanceId),
                    Filters.exists("params.key"),
                    Filters.in("state", List.of(JobState.QUEUED.id(), JobState.RUNNING.id())))));
  }
}
