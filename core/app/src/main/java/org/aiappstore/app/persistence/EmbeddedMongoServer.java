package org.aiappstore.app.persistence;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A MongoDB wire-protocol server backed by an H2 file, so one command runs the platform on a fresh
 * machine and its data survives restarts. It listens on an ephemeral loopback port only, written to
 * {@value #CONNECTION_FILE} in its directory while it runs: a second server started on the same
 * machine (the two-instance test, or a maintenance shell) can point its MongoDB URI there.
 *
 * <p>It lacks transactions, change streams and {@code $text}; the application uses none of them so
 * that the same code runs on a real MongoDB.
 */
public final class EmbeddedMongoServer implements AutoCloseable {

  static final String DATABASE_FILE = "mongo.h2.db";
  static final String CONNECTION_FILE = "connection-string";

  private final MongoServer server;
  private final String connectionString;
  private final Path connectionFile;

  private EmbeddedMongoServer(H2Backend backend, Path connectionFile) {
    this.server = new MongoServer(backend);
    this.connectionString = server.bindAndGetConnectionString();
    this.connectionFile = connectionFile;
    try {
      Files.writeString(connectionFile, connectionString + System.lineSeparator());
    } catch (IOException e) {
      server.shutdown();
      throw new UncheckedIOException("Cannot write " + connectionFile, e);
    }
  }

  /** Starts a server whose data lives in {@code directory}, creating the directory if needed. */
  public static EmbeddedMongoServer start(Path directory) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the database directory " + directory, e);
    }
    return new EmbeddedMongoServer(
        new H2Backend(directory.resolve(DATABASE_FILE).toString()),
        directory.resolve(CONNECTION_FILE));
  }

  public String connectionString() {
    return connectionString;
  }

  @Override
  public void close() {
    try {
      Files.deleteIfExists(connectionFile);
    } catch (IOException e) {
      // Stale but harmless: the next start overwrites it.
    }
    // Also closes the backend, which commits and closes the H2 store.
    server.shutdown();
  }
}
