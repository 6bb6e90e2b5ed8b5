package org.aiappstore.app.export;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.aiappstore.app.config.AppSettings;
import org.aiappstore.app.config.ConfigKey;
import org.aiappstore.app.connector.ConnectorRegistry;
import org.aiappstore.app.experiment.ExperimentService;
import org.aiappstore.app.identity.user.UserRepository;
import org.aiappstore.app.job.Job;
import org.aiappstore.app.job.JobContext;
import org.aiappstore.app.job.JobHandler;
import org.aiappstore.app.persistence.MongoConnection;
import org.aiappstore.app.storage.StorageService;
import org.aiappstore.plugin.api.data.DataConnector;
import org.bson.Document;

/**
 * The {@code export} job: writes the bundle to a temporary file, then stores it through the active
 * data connector under {@code exports/{jobId}.zip}. It may start over after a restart: it writes
 * the same bundle again under the same key.
 */
@ApplicationScoped
public class ExportJob implements JobHandler {

  public static final String TYPE = "export";

  @Inject MongoConnection mongo;
  @Inject UserRepository users;
  @Inject ConnectorRegistry connectors;
  @Inject StorageService storage;
  @Inject ExperimentService experiments;
  @Inject AppSettings settings;
  @Inject ImportService imports;

  private final Clock clock = Clock.systemUTC();

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public boolean restartable() {
    return true;
  }

  @Override
  public void run(Job job, JobContext context) throws Exception {
    ExportSelection selection = ExportSelection.fromParams(job.params());
    Path file = JobScratch.inTempDirectory().fileFor("export", job.id());
    try {
      Instant now = clock.instant();
      int cards =
          new BundleExporter(
                  mongo,
                  users,
                  connectors::dataConnector,
                  ExperimentSnapshots.of(experiments),
                  BundleFormat.historyPartBytes(
                      settings.longValue(ConfigKey.IMPORT_MAX_JSON_ENTRY_BYTES)))
              .export(selection, file, job.requestedBy(), now, context);
      if (cards == 0) {
        context.result(new Document("cards", 0));
        return;
      }
      context.checkpoint();
      List<String> beyond = BundleFit.beyondImportLimits(file, imports.limits());
      String connectorId = storage.activeConnectorId();
      DataConnector connector = connectors.dataConnector(connectorId);
      String key = "exports/" + job.id() + ".zip";
      long size = Files.size(file);
      MessageDigest digest = BundleWriter.sha256();
      try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
        connector.put(key, in, size, "application/zip");
      }
      Document result =
          new Document("cards", cards)
              .append("connectorId", connectorId)
              .append("key", key)
              .append("size", size)
              .append("sha256", HexFormat.of().formatHex(digest.digest()))
              .append("fileName", "aiappstore-export-" + job.id().substring(0, 8) + ".zip");
      if (!beyond.isEmpty()) {
        result.append("importWarnings", beyond);
      }
      context.result(result);
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
