package org.aiappstore.app.config;

import java.util.Map;

/** Settings from a map, every other key at its default; no MicroProfile Config needed. */
public final class TestingSettings extends AppSettings {

  private final Map<ConfigKey, String> values;

  public TestingSettings(Map<ConfigKey, String> values) {
    super(null);
    this.values = Map.copyOf(values);
  }

  @Override
  public String value(ConfigKey key) {
    return values.getOrDefault(key, key.defaultValue()).trim();
  }
}
