package org.aiappstore.app.export;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A tracker for export tests: answers the experiments and datasets put in it, throws what it was
 * told to for the others, and records every read.
 */
final class InMemorySnapshots implements ExperimentSnapshots {

  private final Map<String, JsonObject> known = new HashMap<>();
  private final Map<String, RuntimeException> failures = new HashMap<>();
  final List<String> reads = new ArrayList<>();

  InMemorySnapshots put(String kind, String connectorId, String id, JsonObject json) {
    known.put(key(kind, connectorId, id), json);
    return this;
  }

  InMemorySnapshots fail(String kind, String connectorId, String id, RuntimeException error) {
    failures.put(key(kind, connectorId, id), error);
    return this;
  }

  @Override
  public JsonObject experiment(String connectorId, String id) {
    return read("experiment", connectorId, id);
  }

  @Override
  public JsonObject dataset(String connectorId, String id) {
    return read("dataset", connectorId, id);
  }

  private JsonObject read(String kind, String connectorId, String id) {
    String key = key(kind, connectorId, id);
    reads.add(key);
    if (failures.containsKey(key)) {
      throw failures.get(key);
    }
    JsonObject json = known.get(key);
    if (json == null) {
      throw new IllegalStateException("unexpected read of " + key);
    }
    return json;
  }

  private static String key(String kind, String connectorId, String id) {
    return kind + " " + connectorId + "/" + id;
  }
}
