package org.aiappstore.app.export;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.ZipFile;
import org.aiappstore.app.connector.ConnectorRegistry;
import org.aiappstore.app.identity.user.UserRepository;
import org.aiappstore.app.job.Job;
import org.aiappstore.app.job.JobContext;
import org.aiappstore.app.job.JobHandler;
import org.aiappstore.app.media.MediaService;
import org.aiappstore.app.model.CardChanged;
import org.aiappstore.app.persistence.MongoConnection;
import org.aiappstore.app.storage.StorageService;
import org.aiappstore.plugin.api.data.ByteRange;
import org.aiappstore.plugin.api.data.DataConnector;
import org.aiappstore.plugin.api.data.StoredObject;
import org.bson.Document;

/**
 * The {@code import} job: fetches the uploaded bundle from storage (any replica may run it),
 * verifies it again, imports its cards, then deletes the upload. Not restartable: under the
 * new-slug policy a second run would duplicate the cards the first one imported. When it ends, in
 * whatever way, the cards it left half-written (its server died in the middle of one) are repaired
 * from the {@link ImportJournal}.
 */
@ApplicationScoped
public class ImportJob implements JobHandler {

  public static final String TYPE = "import";
  private static final Logger LOG = Logger.getLogger(ImportJob.class.getName());

  @Inject MongoConnection mongo;
  @Inject UserRepository users;
  @Inject ConnectorRegistry connectors;
  @Inject StorageService storage;
  @Inject ImportService imports;
  @Inject MediaService media;
  @Inject Event<CardChanged> changes;

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public void run(Job job, JobContext context) throws Exception {
    Document params = job.params();
    DataConnector uploads = connectors.dataConnector(params.getString("connectorId"));
    Path file = JobScratch.inTempDirectory().fileFor("import", job.id());
    try {
      try (StoredObject object = uploads.get(params.getString("key"), ByteRange.all());
          InputStream in = object.stream()) {
        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      }
      try (ZipFile zip = BundleReader.open(file)) {
        BundleLimits limits = imports.limits();
        Document manifest = BundleReader.verify(zip, limits);
        String targetId = storage.activeConnectorId();
        new BundleImporter(
                mongo,
                users,
                connectors.dataConnector(targetId),
                targetId,
                media::limit,
                limits.maxJsonEntryBytes(),
                job.id(),
                this::changed)
            .importAll(
                zip,
                manifest,
                ConflictMode.of(params.getString("conflict")).orElse(ConflictMode.SKIP),
                params.getString("fallbackOwnerId"),
                context);
      }
    } finally {
      Files.deleteIfExists(file);
      ended(job);
    }
  }

  private void changed(String cardId, CardChanged.Kind kind) {
    changes.fire(new CardChanged(cardId, kind));
  }

  /** The journal of imports, to repair what they left half-written. */
  ImportJournal journal() {
    return new ImportJournal(mongo, connectors::dataConnector, this::changed);
  }

  /**
   * Repairs the cards the import left half-written and deletes the uploaded bundle, however the
   * import ended: also when it was cancelled before it ran or failed because its instance died.
   * Doing either twice is harmless.
   */
  @Override
  public void ended(Job job) {
    try {
      journal().repair(job.id());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not repair the interrupted cards of import " + job.id(), e);
    }
    String key = job.params().getString("key");
    String connectorId = job.params().getString("connectorId");
    if (key == null || connectorId == null) {
      return;
    }
    try {
      connectors.dataConnector(connectorId).delete(key);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not delete the uploaded bundle of import " + job.id(), e);
    }
  }
}
