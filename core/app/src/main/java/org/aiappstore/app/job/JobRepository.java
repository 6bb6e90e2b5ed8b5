package org.aiappstore.app.job;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.aiappstore.app.persistence.MongoConnection;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The {@code jobs} collection. Every change of a running job is a single-document update that
 * matches only while the job is still run by the instance making it ({@code runner}) and not
 * finished, so an instance that lost its lease can no longer change the job it thought it ran.
 */
@ApplicationScoped
public class JobRepository {

  public static final String COLLECTION = "jobs";

  @Inject MongoConnection mongo;

  public JobRepository() {}

  public JobRepository(MongoConnection mongo) {
    this.mongo = mongo;
    createIndexes();
  }

  @PostConstruct
  void createIndexes() {
    jobs()
        .createIndex(
            Indexes.compoundIndex(Indexes.ascending("state"), Indexes.ascending("createdAt")));
    jobs().createIndex(Indexes.descending("createdAt"));
  }

  private MongoCollection<Document> jobs() {
    return mongo.database().getCollection(COLLECTION);
  }

  public void insert(Job job) {
    jobs().insertOne(toDocument(job));
  }

  public Optional<Job> find(String id) {
    return Optional.ofNullable(jobs().find(Filters.eq("_id", id)).first())
        .map(JobRepository::fromDocument);
  }

  /** Jobs of a type (null: any), newest first. */
  public List<Job> list(String type, int page, int size) {
    Bson filter = type == null ? new Document() : Filters.eq("type", type);
    List<Job> found = new ArrayList<>();
    jobs()
        .find(filter)
        .sort(Sorts.orderBy(Sorts.descending("createdAt"), Sorts.descending("_id")))
        .skip(page * size)
        .limit(size)
        .forEach(d -> found.add(fromDocument(d)));
    return found;
  }

  public long count(String type) {
    return jobs().countDocuments(type == null ? new Document() : Filters.eq("type", type));
  }

  /** Takes the oldest queued job for {@code runner}, or nothing. Atomic: no two runners get it. */
  Optional<Job> claimNext(String runner, Instant now) {
    return Optional.ofNullable(
            jobs()
                .findOneAndUpdate(
                    Filters.eq("state", JobState.QUEUED.id()),
                    Updates.combine(
                        Updates.set("state", JobState.RUNNING.id()),
                        Updates.set("runner", runner),
                        Updates.set("startedAt", Date.from(now)),
                        Updates.set("heartbeatAt", Date.from(now)),
                        Updates.inc("attempts", 1),
                        Updates.inc("version", 1L)),
                    new FindOneAndUpdateOptions()
                        .sort(Sorts.ascending("createdAt"))
                        .returnDocument(ReturnDocument.AFTER)))
        .map(JobRepository::fromDocument);
  }

  /** Running jobs some other instance started: orphans once this instance holds the lease. */
  List<Job> runningElsewhere(String runner) {
    List<Job> found = new ArrayList<>();
    jobs()
        .find(Filters.and(Filters.eq("state", JobState.RUNNING.id()), Filters.ne("runner", runner)))
        .forEach(d -> found.add(fromDocument(d)));
    return found;
  }

  /**
   * Applies {@code update} to the job while {@code runner} runs it; returns the job after the
   * update, or empty if the instance no longer owns it (or it ended).
   */
  Optional<Job> updateOwned(String id, String runner, Bson update) {
    return Optional.ofNullable(
            jobs()
                .findOneAndUpdate(
                    Filters.and(
                        Filters.eq("_id", id),
                        Filters.eq("runner", runner),
                        Filters.eq("state", JobState.RUNNING.id())),
                    Updates.combine(update, Updates.inc("version", 1L)),
                    new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
        .map(JobRepository::fromDocument);
  }

  /** Ends a job that is in {@code expected} state; false if it moved on meanwhile. */
  boolean finish(
      String id, JobState expected, String runner, JobState state, String error, Instant now) {
    Bson filter = Filters.and(Filters.eq("_id", id), Filters.eq("state", expected.id()));
    if (runner != null) {
      filter = Filters.and(filter, Filters.eq("runner", runner));
    }
    return jobs()
            .updateOne(
                filter,
                Updates.combine(
                    Updates.set("state", state.id()),
                    Updates.set("error", error),
                    Updates.set("finishedAt", Date.from(now)),
                    Updates.inc("version", 1L)))
            .getMatchedCount()
        == 1;
  }

  /** Puts an interrupted running job back in the queue, from the start. */
  boolean requeue(String id, String formerRunner) {
    return jobs()
            .updateOne(
                Filters.and(
                    Filters.eq("_id", id),
                    Filters.eq("state", JobState.RUNNING.id()),
                    Filters.eq("runner", formerRunner)),
                Updates.combine(
                    Updates.set("state", JobState.QUEUED.id()),
                    Updates.set("runner", null),
                    Updates.set("items", List.of()),
                    Updates.set("done", 0L),
                    Updates.set("failed", 0L),
                    Updates.inc("version", 1L)))
            .getMatchedCount()
        == 1;
  }

  /** Asks a job to stop; a queued one is cancelled at once. Returns the job after the change. */
  Optional<Job> requestCancel(String id, Instant now) {
    jobs()
        .updateOne(
            Filters.and(Filters.eq("_id", id), Filters.eq("state", JobState.QUEUED.id())),
            Updates.combine(
                Updates.set("state", JobState.CANCELLED.id()),
                Updates.set("cancelRequested", true),
                Updates.set("finishedAt", Date.from(now)),
                Updates.inc("version", 1L)));
    jobs()
        .updateOne(
            Filters.and(
                Filters.eq("_id", id),
                Filters.eq("state", JobState.RUNNING.id()),
                Filters.ne("cancelRequested", true)),
            Updates.combine(Updates.set("cancelRequested", true), Updates.inc("version", 1L)));
    return find(id);
  }

  /** Changes fields of a finished job (e.g. marks an export whose bundle could not be deleted). */
  public boolean updateResult(String id, Document result) {
    return jobs()
            .updateOne(
                Filters.eq("_id", id),
                Updates.combine(Updates.set("result", result), Updates.inc("version", 1L)))
            .getMatchedCount()
        == 1;
  }

  /**
   * Whether a queued or running job of {@code type} has {@code value} as parameter {@code name}.
   */
  public boolean anyUnfinished(String type, String name, String value) {
    return jobs()
            .find(
                Filters.and(
                    Filters.eq("type", type),
                    Filters.eq("params." + name, value),
                    Filters.in("state", JobState.QUEUED.id(), JobState.RUNNING.id())))
            .first()
        != null;
  }

  public boolean delete(String id) {
    return jobs().deleteOne(Filters.eq("_id", id)).getDeletedCount() == 1;
  }

  static Document toDocument(Job job) {
    List<Document> items = new ArrayList<>();
    job.items().forEach(i -> items.add(i.toDocument()));
    return new Document("_id", job.id())
        .append("type", job.type())
        .append("state", job.state().id())
        .append("params", job.params())
        .append("requestedById", job.requestedById())
        .append("requestedBy", job.requestedBy())
        .append("total", job.total())
        .append("done", job.done())
        .append("failed", job.failed())
        .append("items", items)
        .append("createdAt", date(job.createdAt()))
        .append("startedAt", date(job.startedAt()))
        .append("finishedAt", date(job.finishedAt()))
        .append("heartbeatAt", date(job.heartbeatAt()))
        .append("error", job.error())
        .append("result", job.result())
        .append("cancelRequested", job.cancelRequested())
        .append("runner", job.runner())
        .append("attempts", job.attempts())
        .append("version", job.version());
  }

  static Job fromDocument(Document d) {
    List<JobItem> items = new ArrayList<>();
    d.getList("items", Document.class, List.of()).forEach(i -> items.add(JobItem.fromDocument(i)));
    return new Job(
        d.getString("_id"),
        d.getString("type"),
        JobState.of(d.getString("state")),
        d.get("params", Document.class) == null ? new Document() : d.get("params", Document.class),
        d.getString("requestedById"),
        d.getString("requestedBy"),
        number(d, "total"),
        number(d, "done"),
        number(d, "failed"),
        items,
        instant(d, "createdAt"),
        instant(d, "startedAt"),
        instant(d, "finishedAt"),
        instant(d, "heartbeatAt"),
        d.getString("error"),
        d.get("result", Document.class),
        Boolean.TRUE.equals(d.getBoolean("cancelRequested")),
        d.getString("runner"),
        (int) number(d, "attempts"),
        number(d, "version"));
  }

  private static long number(Document d, String key) {
    Object value = d.get(key);
    return value instanceof Number n ? n.longValue() : 0;
  }

  private static Date date(Instant instant) {
    return instant == null ? null : Date.from(instant);
  }

  private static Instant instant(Document d, String key) {
    Date date = d.getDate(key);
    return date == null ? null : date.toInstant();
  }
}
