package org.aiappstore.app.connector;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.aiappstore.app.config.AppSettings;
import org.aiappstore.app.config.ConfigKey;
import org.aiappstore.app.plugin.ConnectorCatalog;
import org.aiappstore.plugin.api.error.PlatformException;

/**
 * Writes the instances the server configuration defines at every start: the default filesystem
 * store and those of {@code aiappstore.connectors.predefined} (a JSON array, so Helm can pass it as
 * one environment variable). They are read-only in the console. An instance is rewritten only when
 * its definition changed, keeping its creation time, so a restart of one replica leaves the others'
 * connectors alone. A malformed entry is logged and skipped; the others are written. An admin's
 * choice of the active store wins over {@code aiappstore.storage.active}, which only sets it when
 * none was chosen.
 */
@ApplicationScoped
public class ConnectorBootstrap {

  private static final Logger LOG = Logger.getLogger(ConnectorBootstrap.class.getName());
  private static final String DEFAULT_KIND = "data-connector";

  @Inject AppSettings settings;
  @Inject ConnectorInstanceStore store;
  @Inject ConnectorCatalog catalog;

  void onStartup(@Observes Startup startup) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    define(
        configured(
            ConnectorInstanceService.DEFAULT_DATA_CONNECTOR,
            DEFAULT_KIND,
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
    for (int i = 0; i < instances.size(); i++) {
      try {
        define(parse(instances.get(i), now));
      } catch (InvalidEntry | PlatformException e) {
        LOG.severe(
            ConfigKey.CONNECTORS_PREDEFINED.key() + "[" + i + "] is skipped: " + e.getMessage());
      }
    }
  }

  /** An instance from one entry, its settings checked by its factory when that is installed. */
  private ConnectorInstance parse(JsonValue value, Instant now) {
    if (!(value instanceof JsonObject entry)) {
      throw new InvalidEntry("not a JSON object");
    }
    String id = text(entry, "id").orElseThrow(() -> new InvalidEntry("\"id\" is required"));
    String factoryId =
        text(entry, "factoryId").orElseThrow(() -> new InvalidEntry("\"factoryId\" is required"));
    String kind = text(entry, "kind").orElse(DEFAULT_KIND);
    if (!ConnectorCatalog.isKind(kind)) {
      throw new InvalidEntry("unknown kind '" + kind + "'");
    }
    if (!(entry.get("config") instanceof JsonObject config)) {
      throw new InvalidEntry("\"config\" must be an object of settings");
    }
    Map<String, String> settings = settings(config);
    catalog.find(kind, factoryId).ifPresent(factory -> factory.validate(settings));
    return configured(id, kind, factoryId, text(entry, "displayName").orElse(id), settings, now);
  }

  private static Optional<String> text(JsonObject entry, String name) {
    JsonValue value = entry.get(name);
    if (value == null || value == JsonValue.NULL) {
      return Optional.empty();
    }
    if (!(value instanceof JsonString string) || string.getString().isBlank()) {
      throw new InvalidEntry("\"" + name + "\" must be a non-empty string");
    }
    return Optional.of(string.getString());
  }

  /** Strings, numbers and booleans as the form would send them; a null is no value. */
  private static Map<String, String> settings(JsonObject config) {
    Map<String, String> settings = new LinkedHashMap<>();
    config.forEach(
        (key, value) -> {
          if (value instanceof JsonString string) {
            settings.put(key, string.getString());
          } else if (value instanceof JsonNumber
              || value == JsonValue.TRUE
              || value == JsonValue.FALSE) {
            settings.put(key, value.toString());
          } else if (value != JsonValue.NULL) {
            throw new InvalidEntry("setting \"" + key + "\" must be a string, number or boolean");
          }
        });
    return settings;
  }

  /**
   * Writes an instance unless the stored one already has this definition. A write lost to another
   * replica starting at the same time is fine: it wrote the same definition.
   */
  private void define(ConnectorInstance wanted) {
    Optional<ConnectorInstance> stored = store.find(wanted.id());
    if (stored.isEmpty()) {
      store.insert(wanted);
    } else if (!stored.get().hasDefinitionOf(wanted)) {
      store.replace(stored.get().redefinedAs(wanted), stored.get().version());
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

  /** An entry that cannot define an instance; its message says why. */
  private static final class InvalidEntry extends RuntimeException {
    InvalidEntry(String message) {
      super(message, null, false, false);
    }
  }
}
