package org.aiappstore.app.export;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The scratch file of an export or import job, named after the job. A server killed mid-job leaves
 * its file behind: the job's next attempt (same id) starts by replacing it, and files older than a
 * day, whose jobs will not come back, are swept whenever a job takes its file.
 */
final class JobScratch {

  static final Duration STALE_AFTER = Duration.ofDays(1);

  private static final Logger LOG = Logger.getLogger(JobScratch.class.getName());

  private final Path directory;
  private final Clock clock;

  JobScratch(Path directory, Clock clock) {
    this.directory = directory;
    this.clock = clock;
  }

  /** Under the JVM's temporary directory, shared by the jobs of this installation. */
  static JobScratch inTempDirectory() {
    return new JobScratch(
        Path.of(System.getProperty("java.io.tmpdir"), "aiappstore-jobs"), Clock.systemUTC());
  }

  /**
   * An empty path for the job's file: a leftover of an earlier attempt is deleted.
   *
   * @param kind {@code export} or {@code import}
   * @param jobId the job's id
   */
  Path fileFor(String kind, String jobId) throws IOException {
    if (!jobId.matches("[A-Za-z0-9-]+")) {
      throw new IllegalArgumentException("Not a job id: " + jobId);
    }
    Files.createDirectories(directory);
    sweepStale();
    Path file = directory.resolve(kind + "-" + jobId + ".zip");
    Files.deleteIfExists(file);
    return file;
  }

  private void sweepStale() {
    Instant before = clock.instant().minus(STALE_AFTER);
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.zip")) {
      for (Path file : files) {
        try {
          if (Files.getLastModifiedTime(file).toInstant().isBefore(before)) {
            Files.deleteIfExists(file);
          }
        } catch (IOException e) {
          LOG.log(Level.FINE, "Could not sweep " + file, e); // another replica's sweep, maybe
        }
      }
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Could not sweep old job files in " + directory, e);
    }
  }
}
