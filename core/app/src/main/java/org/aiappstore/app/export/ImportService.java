package org.aiappstore.app.export;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipFile;
import org.aiappstore.app.config.AppSettings;
import org.aiappstore.app.config.ConfigKey;
import org.aiappstore.app.connector.ConnectorRegistry;
import org.aiappstore.app.identity.security.Caller;
import org.aiappstore.app.identity.user.User;
import org.aiappstore.app.identity.user.UserRepository;
import org.aiappstore.app.job.Job;
import org.aiappstore.app.job.JobService;
import org.aiappstore.app.media.LimitedInputStream;
import org.aiappstore.app.media.MediaTooLargeException;
import org.aiappstore.app.problem.Problem;
import org.aiappstore.app.problem.ProblemException;
import org.aiappstore.app.storage.StorageService;
import org.bson.Document;

/**
 * Accepts a bundle upload: streams it to a temporary file within the size limit, verifies it
 * completely (so a hostile bundle is refused before anything is written), stores it through the
 * active data connector and queues the import job that reads it from there.
 */
@ApplicationScoped
public class ImportService {

  @Inject JobService jobs;
  @Inject UserRepository users;
  @Inject StorageService storage;
  @Inject ConnectorRegistry connectors;
  @Inject AppSettings settings;

  public BundleLimits limits() {
    return new BundleLimits(
        settings.longValue(ConfigKey.IMPORT_MAX_BYTES),
        settings.integer(ConfigKey.IMPORT_MAX_ENTRIES),
        settings.longValue(ConfigKey.IMPORT_MAX_UNCOMPRESSED_BYTES),
        settings.longValue(ConfigKey.IMPORT_MAX_JSON_ENTRY_BYTES));
  }

  public Job submit(
      Caller caller, String conflict, String fallbackOwner, long contentLength, InputStream body) {
    List<Problem.FieldError> errors = new ArrayList<>();
    ConflictMode mode = ConflictMode.SKIP;
    if (conflict != null && !conflict.isBlank()) {
      mode = ConflictMode.of(conflict).orElse(null);
      if (mode == null) {
        errors.add(new Problem.FieldError("/conflict", "must be skip, overwrite or new-slug"));
      }
    }
    User fallback = null;
    if (fallbackOwner != null && !fallbackOwner.isBlank()) {
      fallback = users.findByUsername(fallbackOwner.trim()).orElse(null);
      if (fallback == null) {
        errors.add(new Problem.FieldError("/fallbackOwner", "is not a user"));
      }
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(
          400, "INVALID_QUERY", "Some query parameters are invalid.", errors, Map.of());
    }
    BundleLimits limits = limits();
    if (contentLength > limits.maxBytes()) {
      throw tooLarge(limits);
    }
    Path file = null;
    try {
      file = Files.createTempFile("aiappstore-upload-", ".zip");
      try (InputStream in = new LimitedInputStream(body, limits.maxBytes())) {
        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      } catch (MediaTooLargeException e) {
        throw tooLarge(limits);
      }
      Document manifest;
      try (ZipFile zip = BundleReader.open(file)) {
        manifest = BundleReader.verify(zip, limits);
      }
      String connectorId = storage.activeConnectorId();
      String key = "imports/" + UUID.randomUUID() + ".zip";
      try (InputStream in = Files.newInputStream(file)) {
        connectors.dataConnector(connectorId).put(key, in, Files.size(file), "application/zip");
      }
      Document params =
          new Document("conflict", mode.id())
              .append("fallbackOwner", fallback == null ? caller.username() : fallback.username())
              .append("fallbackOwnerId", fallback == null ? caller.userId() : fallback.id())
              .append("cards", manifest.getList("cards", Document.class, List.of()).size())
              .append("connectorId", connectorId)
              .append("key", key);
      return jobs.submit(ImportJob.TYPE, params, caller);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          // a temp file left behind is removed with the temp directory
        }
      }
    }
  }

  public Job get(String id) {
    return jobs.get(id, ImportJob.TYPE);
  }

  private static ProblemException tooLarge(BundleLimits limits) {
    return new ProblemException(
        413,
        "BUNDLE_TOO_LARGE",
        "The bundle is larger than " + limits.maxBytes() + " bytes, the most allowed.");
  }
}
