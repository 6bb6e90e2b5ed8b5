package org.aiappstore.app.connector;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;
import org.aiappstore.app.config.AppSettings;
import org.aiappstore.app.config.ConfigKey;

/**
 * Writes the instances the server configuration defines at every start: the default filesystem
 * store and those of {@code aiappstore.connectors.predefined} (a JSON array, so Helm can pass it as
 * one environment variable). They are read-only in the console. An admin's choice of the active
 * store wins over {@code aiappstore.storage.active}, which only sets it when none was chosen.
 */
@ApplicationScoped
public class ConnectorBootstrap {

  private static final Logger LOG = Logger.getLogger(ConnectorBootstrap.class.getName());

  @Inject AppSettings settings;
  @Inject ConnectorInstanceStore store;

  void onStartup(@Observes Startup startup) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    store.upsert(
        configured(
            ConnectorInstanceService.DEFAULT_DATA_CONNECTOR,
            "data-connector",
            "filesystem",
            "Local filesystem",
            Map.of("baseDirectory", settings.filesystemStorageDir().toString()),
            now));
    settings.optional(ConfigKey.CONNECTORS_PREDEFINED).ifPresent(json -> predefine(json, now));
    settings
        .optional(ConfigKey.STORAGE_ACTIVE)
        .filter(id -> store.activeDataConnector().isEmpty())
        .ifPresent(store::setActiveDataConnector);
  }

  private void predefine(String json, Instant now) {
    JsonArray instances;
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      instances = reader.readArray();
    } catch (JsonException | IllegalStateException e) {
      // A broken value must not stop the server: the instances are missing and the log says why.
      LOG.severe(ConfigKey.CONNECTORS_PREDEFINED.key() + " is not a JSON array: " + e.getMessage());
      return;
    }
    for (JsonValue value : instances) {
      JsonObject object = value.asJsonObject();
      Map<String, String> config = new LinkedHashMap<>();
      object
          .getJsonObject("config")
          .forEach(
              (key, v) ->
                  config.put(
                      key, v instanceof jakarta.json.JsonString s ? s.getString() : v.toString()));
      store.upsert(
          configured(
              object.getString("id"),
              object.getString("kind", "data-connector"),
              object.getString("factoryId"),
              object.getString("displayName", object.getString("id")),
              config,
              now));
    }
  }

  private static ConnectorInstance configured(
      String id,
      String kind,
      String factoryId,
      String displayName,
      Map<String, String> config,
      Instant now) {
    return new ConnectorInstance(
        id,
        kind,
        factoryId,
        displayName,
        config,
        ConnectorInstance.Source.CONFIGURATION,
        now,
        now,
        1);
  }
}
