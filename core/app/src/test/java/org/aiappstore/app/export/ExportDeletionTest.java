package org.aiappstore.app.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import org.aiappstore.app.job.Job;
import org.aiappstore.app.job.JobRepository;
import org.aiappstore.app.job.JobService;
import org.aiappstore.app.job.JobState;
import org.aiappstore.app.persistence.TestingMongo;
import org.aiappstore.app.problem.ProblemException;
import org.aiappstore.plugin.api.data.DataCapability;
import org.aiappstore.plugin.api.data.DataConnector;
import org.aiappstore.plugin.api.error.PlatformException;
import org.aiappstore.plugin.tck.data.testing.InMemoryDataConnector;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExportDeletionTest {

  private final TestingMongo mongo = new TestingMongo();
  private final JobRepository jobs = new JobRepository(mongo);
  private final Clock clock = Clock.fixed(Instant.parse("2026-05-01T00:00:00Z"), ZoneOffset.UTC);
  private final InMemoryDataConnector store =
      new InMemoryDataConnector(EnumSet.allOf(DataCapability.class), clock);

  @AfterEach
  void close() {
    mongo.close();
  }

  /** An export that finished with its bundle stored under exports/{id}.zip. */
  private Job finishedExport() {
    Job queued =
        new JobService(jobs, clock).submit(ExportJob.TYPE, new Document("all", true), null);
    String key = "exports/" + queued.id() + ".zip";
    store.put(key, new ByteArrayInputStream(new byte[] {1, 2, 3}), 3, "application/zip");
    mongo
        .database()
        .getCollection("jobs")
        .updateOne(
            new Document("_id", queued.id()),
            new Document(
                "$set",
                new Document("state", JobState.SUCCEEDED.id())
                    .append("result", new Document("connectorId", "store").append("key", key))));
    return jobs.find(queued.id()).orElseThrow();
  }

  @Test
  void shouldDeleteTheBundleThenTheRecord() {
    Job export = finishedExport();

    new ExportDeletion(jobs, id -> store, clock).delete(export);

    assertThat(store.head("exports/" + export.id() + ".zip")).isEmpty();
    assertThat(jobs.find(export.id())).isEmpty();
  }

  @Test
  void shouldKeepTheRecordMarkedWhenStorageRefuses() {
    Job export = finishedExport();
    DataConnector refusing =
        (DataConnector)
            java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {DataConnector.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("delete")) {
                    throw PlatformException.unavailable("the store is down", null);
                  }
                  return method.invoke(store, args);
                });

    assertThatThrownBy(() -> new ExportDeletion(jobs, id -> refusing, clock).delete(export))
        .isInstanceOf(ProblemException.class)
        .satisfies(e -> assertThat(((ProblemException) e).status()).isEqualTo(502));

    Job kept = jobs.find(export.id()).orElseThrow();
    assertThat(kept.result().getBoolean("deleteFailed")).isTrue();
    assertThat(kept.result().getString("deleteError")).contains("the store is down");
    assertThat(kept.result().getString("deleteAttemptedAt")).isEqualTo("2026-05-01T00:00:00Z");
    assertThat(store.head("exports/" + export.id() + ".zip")).isPresent();
  }

  @Test
  void shouldRefuseToDeleteAnExportStillRunning() {
    Job queued = new JobService(jobs, clock).submit(ExportJob.TYPE, new Document(), null);

    assertThatThrownBy(() -> new ExportDeletion(jobs, id -> store, clock).delete(queued))
        .isInstanceOf(ProblemException.class)
        .satisfies(e -> assertThat(((ProblemException) e).code()).isEqualTo("EXPORT_RUNNING"));
    assertThat(jobs.find(queued.id())).isPresent();
    assertThat(List.of(queued.state())).containsExactly(JobState.QUEUED);
  }
}
