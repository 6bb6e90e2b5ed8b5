package org.aiappstore.app.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import org.aiappstore.app.job.Job;
import org.aiappstore.app.job.JobRepository;
import org.aiappstore.app.job.JobService;
import org.aiappstore.app.persistence.TestingMongo;
import org.aiappstore.app.testing.MutableClock;
import org.aiappstore.plugin.api.data.DataCapability;
import org.aiappstore.plugin.tck.data.testing.InMemoryDataConnector;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Uploaded bundles no unfinished import refers to are deleted once past the grace period. */
class ImportSweepTest {

  private final TestingMongo mongo = new TestingMongo();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
  private final JobRepository jobs = new JobRepository(mongo);
  private final JobService service = new JobService(jobs, clock);
  private final InMemoryDataConnector store =
      new InMemoryDataConnector(EnumSet.allOf(DataCapability.class), clock);

  @AfterEach
  void close() {
    mongo.close();
  }

  private String upload(String name) {
    String key = ImportSweep.PREFIX + name + ".zip";
    store.put(key, new ByteArrayInputStream(new byte[] {1, 2, 3}), 3, "application/zip");
    return key;
  }

  private Job importOf(String key) {
    return service.submit(ImportJob.TYPE, new Document("key", key), null);
  }

  @Test
  void shouldDeleteAnUploadNoImportRefersToOnceItIsPastTheGracePeriod() {
    String key = upload("abandoned");
    clock.advance(ImportSweep.GRACE.plusMinutes(1));

    assertThat(ImportSweep.sweep(jobs, store, clock)).isEqualTo(1);
    assertThat(store.head(key)).isEmpty();
  }

  @Test
  void shouldKeepAFreshUploadWhoseJobMayNotBeQueuedYet() {
    String key = upload("fresh");
    clock.advance(Duration.ofMinutes(5));

    assertThat(ImportSweep.sweep(jobs, store, clock)).isZero();
    assertThat(store.head(key)).isPresent();
  }

  @Test
  void shouldKeepTheUploadOfAQueuedImport() {
    String key = upload("queued");
    importOf(key);
    clock.advance(Duration.ofDays(2));

    assertThat(ImportSweep.sweep(jobs, store, clock)).isZero();
    assertThat(store.head(key)).isPresent();
  }

  @Test
  void shouldDeleteTheUploadOfAnImportThatEndedWithoutDeletingIt() {
    String key = upload("cancelled");
    service.cancel(importOf(key).id());
    clock.advance(ImportSweep.GRACE.plusMinutes(1));

    assertThat(ImportSweep.sweep(jobs, store, clock)).isEqualTo(1);
    assertThat(store.head(key)).isEmpty();
  }
}
