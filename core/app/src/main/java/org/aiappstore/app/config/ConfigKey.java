package org.aiappstore.app.config;

/**
 * Every configuration key of the application, defined once. Each key can be set as a MicroProfile
 * Config property, a Liberty server variable, or an environment variable ({@link
 * #environmentVariable()}).
 */
public enum ConfigKey {
  DATA_DIR(
      "aiappstore.data.dir",
      "./data",
      "Directory for the embedded database file and the filesystem object store."),
  PLUGINS_DIR(
      "aiappstore.plugins.dir",
      "./plugins",
      "Absolute, writable directory PF4J loads plugin zips and jars from (zips unpack beside them)."),
  REQUIRED_PLUGINS(
      "aiappstore.plugins.required",
      "data-filesystem",
      "Comma-separated plugin ids that must be STARTED for /health/ready to be UP."),
  MONGODB_URI(
      "aiappstore.mongodb.uri",
      "",
      "MongoDB connection string. Empty: start the embedded MongoDB-compatible server on DATA_DIR."),
  MONGODB_DATABASE("aiappstore.mongodb.database", "aiappstore", "Database name."),
  STORAGE_CONNECTOR(
      "aiappstore.storage.connector",
      "filesystem",
      "Id of the data connector factory that stores media and bundles."),
  STORAGE_FILESYSTEM_DIR(
      "aiappstore.storage.filesystem.baseDirectory",
      "",
      "Base directory of the filesystem data connector. Empty: DATA_DIR/objects.");

  private final String key;
  private final String defaultValue;
  private final String description;

  ConfigKey(String key, String defaultValue, String description) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  public String key() {
    return key;
  }

  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }

  /** The environment variable MicroProfile Config maps to this key. */
  public String environmentVariable() {
    return key.toUpperCase(java.util.Locale.ROOT).replace('.', '_');
  }
}
