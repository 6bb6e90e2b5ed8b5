package org.aiappstore.app.job;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import org.bson.Document;

/** The API form of a job. Internal fields (runner, attempts) stay inside. */
public final class JobJson {

  private JobJson() {}

  public static JsonObject toJson(Job job) {
    JsonArrayBuilder items = Json.createArrayBuilder();
    for (JobItem item : job.items()) {
      JsonObjectBuilder i =
          Json.createObjectBuilder()
              .add("id", item.id())
              .add("label", item.label() == null ? "" : item.label())
              .add("status", item.status());
      if (item.reason() != null) {
        i.add("reason", item.reason());
      }
      items.add(i);
    }
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("id", job.id())
            .add("type", job.type())
            .add("state", job.state().id())
            .add("summary", job.summary())
            .add(
                "progress",
                Json.createObjectBuilder()
                    .add("done", job.done())
                    .add("total", job.total())
                    .add("failed", job.failed()))
            .add("items", items)
            .add("requestedBy", job.requestedBy() == null ? "system" : job.requestedBy())
            .add("cancelRequested", job.cancelRequested())
            .add("params", toJson(job.params()));
    add(json, "createdAt", job.createdAt());
    add(json, "startedAt", job.startedAt());
    add(json, "finishedAt", job.finishedAt());
    add(json, "heartbeatAt", job.heartbeatAt());
    if (job.error() != null) {
      json.add("error", job.error());
    } else {
      json.addNull("error");
    }
    if (job.result() != null) {
      json.add("result", toJson(job.result()));
    } else {
      json.addNull("result");
    }
    return json.build();
  }

  /** Job params and results hold only strings, numbers, booleans, lists and documents. */
  static JsonObject toJson(Document document) {
    return Json.createReader(new java.io.StringReader(document.toJson(RELAXED))).readObject();
  }

  private static final org.bson.json.JsonWriterSettings RELAXED =
      org.bson.json.JsonWriterSettings.builder().outputMode(org.bson.json.JsonMode.RELAXED).build();

  private static void add(JsonObjectBuilder json, String name, Instant value) {
    if (value == null) {
      json.addNull(name);
    } else {
      json.add(name, value.toString());
    }
  }
}
