package org.aiappstore.app.connector;

import com.mongodb.client.model.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.aiappstore.app.apps.AppRepository;
import org.aiappstore.app.job.JobRepository;
import org.aiappstore.app.job.JobState;
import org.aiappstore.app.media.MediaStore;
import org.aiappstore.app.persistence.MongoConnection;

/**
 * What a connector instance is still used for: the media files (their records name the instance)
 * and bundles (an export's result, an import's upload until its job has run) a data connector
 * stores, the apps a deployment backend runs. An instance in use must not be deleted, or those
 * files can no longer be read or deleted and those apps neither stopped nor deleted.
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

  /** App records on the deployment backend instance, whatever their state. */
  public long apps(String instanceId) {
    return mongo
        .database()
        .getCollection(AppRepository.COLLECTION)
        .countDocuments(Filters.eq("backendId", instanceId));
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
