package org.aiappstore.app.connector;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.aiappstore.plugin.api.config.ConfigProperty;
import org.aiappstore.plugin.api.config.ConfigSchema;

/**
 * Secret settings never leave the server: they go out as {@link ConfigProperty#MASK}, and a masked
 * value sent back means "keep what is stored", so a form can be saved without re-typing the secret.
 */
public final class ConnectorSecrets {

  private ConnectorSecrets() {}

  /** The config with every non-empty secret replaced by the mask. */
  public static Map<String, String> masked(ConfigSchema schema, Map<String, String> config) {
    Map<String, String> masked = new LinkedHashMap<>(config);
    for (ConfigProperty property : schema.properties()) {
      if (property.secret() && isSet(masked.get(property.name()))) {
        masked.put(property.name(), ConfigProperty.MASK);
      }
    }
    return masked;
  }

  /**
   * The submitted config with each masked secret replaced by the stored value; a {@code null} value
   * (JSON {@code null}) counts as not sent.
   */
  public static Map<String, String> unmask(
      ConfigSchema schema, Map<String, String> stored, Map<String, String> submitted) {
    Map<String, String> merged = new LinkedHashMap<>(submitted);
    merged.values().removeIf(Objects::isNull);
    for (ConfigProperty property : schema.properties()) {
      String name = property.name();
      if (property.secret() && ConfigProperty.MASK.equals(merged.get(name))) {
        if (stored.containsKey(name)) {
          merged.put(name, stored.get(name));
        } else {
          merged.remove(name);
        }
      }
    }
    return merged;
  }

  private static boolean isSet(String value) {
    return value != null && !value.isEmpty();
  }
}
