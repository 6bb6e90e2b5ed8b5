package org.aiappstore.plugin.api.config;

import java.net.URI;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.aiappstore.plugin.api.error.InvalidConfigException;

/**
 * Validated configuration values of one connector, with defaults applied. Immutable.
 *
 * <p>Typed getters read a value of the matching {@link ConfigType}; asking for a property the
 * schema does not declare, or with a getter of another type, is a programming error ({@link
 * IllegalArgumentException}). {@link #toString()} masks secrets.
 */
public final class ConnectorConfig {

  private final ConfigSchema schema;
  private final Map<String, String> values;

  private ConnectorConfig(ConfigSchema schema, Map<String, String> values) {
    this.schema = schema;
    this.values = values;
  }

  /**
   * Validates raw values and applies defaults.
   *
   * @param schema the connector's schema
   * @param values raw values by property name; blank values count as missing
   * @return the configuration
   * @throws InvalidConfigException if {@link ConfigSchema#validate(Map)} finds violations
   */
  public static ConnectorConfig of(ConfigSchema schema, Map<String, String> values) {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(values, "values");
    List<ConfigViolation> violations = schema.validate(values);
    if (!violations.isEmpty()) {
      throw new InvalidConfigException(violations);
    }
    Map<String, String> effective = new LinkedHashMap<>();
    for (ConfigProperty property : schema.properties()) {
      String value = values.get(property.name());
      if (value == null || value.isBlank()) {
        value = property.defaultValue();
      } else if (property.type() != ConfigType.STRING
          && property.type() != ConfigType.TEXT
          && property.type() != ConfigType.SECRET) {
        value = value.trim();
      }
      if (value != null) {
        effective.put(property.name(), value);
      }
    }
    return new ConnectorConfig(schema, Collections.unmodifiableMap(effective));
  }

  /**
   * The schema these values were validated against.
   *
   * @return the schema
   */
  public ConfigSchema schema() {
    return schema;
  }

  /**
   * A required value of any type but {@link ConfigType#SECRET}, as given.
   *
   * @param name the property name
   * @return the value
   * @throws InvalidConfigException if the property has no value
   */
  public String string(String name) {
    return optionalString(name).orElseThrow(() -> missing(name));
  }

  /**
   * An optional value of any type but {@link ConfigType#SECRET}, as given.
   *
   * @param name the property name
   * @return the value, or empty if none was given and there is no default
   */
  public Optional<String> optionalString(String name) {
    ConfigProperty property = declared(name);
    if (property.secret()) {
      throw new IllegalArgumentException("Read secret property '" + name + "' with secret()");
    }
    return Optional.ofNullable(values.get(name));
  }

  /**
   * A required {@link ConfigType#INTEGER} value.
   *
   * @param name the property name
   * @return the value
   * @throws InvalidConfigException if the property has no value
   */
  public int integer(String name) {
    return Integer.parseInt(required(name, ConfigType.INTEGER));
  }

  /**
   * A {@link ConfigType#BOOLEAN} value; {@code false} when none is given and there is no default.
   *
   * @param name the property name
   * @return the value
   */
  public boolean bool(String name) {
    declared(name, ConfigType.BOOLEAN);
    return Boolean.parseBoolean(values.get(name));
  }

  /**
   * A required {@link ConfigType#URI} value.
   *
   * @param name the property name
   * @return the absolute URI
   * @throws InvalidConfigException if the property has no value
   */
  public URI uri(String name) {
    return URI.create(required(name, ConfigType.URI));
  }

  /**
   * A {@link ConfigType#LIST} value, items trimmed; empty when none is given and there is no
   * default.
   *
   * @param name the property name
   * @return an immutable list
   */
  public List<String> list(String name) {
    declared(name, ConfigType.LIST);
    String value = values.get(name);
    if (value == null) {
      return List.of();
    }
    return Arrays.stream(value.split(",")).map(String::trim).toList();
  }

  /**
   * A required {@link ConfigType#SECRET} value, in clear: do not log or return it.
   *
   * @param name the property name
   * @return the secret
   * @throws InvalidConfigException if the property has no value
   */
  public String secret(String name) {
    return required(name, ConfigType.SECRET);
  }

  /**
   * All values with defaults applied, secrets in clear.
   *
   * @return an immutable map in schema order
   */
  public Map<String, String> asMap() {
    return values;
  }

  /**
   * The values with secrets masked as {@value ConfigProperty#MASK}.
   *
   * @return a printable description
   */
  @Override
  public String toString() {
    return values.entrySet().stream()
        .map(e -> e.getKey() + "=" + (isSecret(e.getKey()) ? ConfigProperty.MASK : e.getValue()))
        .collect(Collectors.joining(", ", "ConnectorConfig{", "}"));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ConnectorConfig that
        && schema.properties().equals(that.schema.properties())
        && values.equals(that.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  private boolean isSecret(String name) {
    return schema.property(name).map(ConfigProperty::secret).orElse(false);
  }

  private String required(String name, ConfigType type) {
    declared(name, type);
    String value = values.get(name);
    if (value == null) {
      throw missing(name);
    }
    return value;
  }

  private ConfigProperty declared(String name) {
    return schema
        .property(name)
        .orElseThrow(() -> new IllegalArgumentException("No property '" + name + "' in " + schema));
  }

  private void declared(String name, ConfigType type) {
    ConfigProperty property = declared(name);
    if (property.type() != type) {
      throw new IllegalArgumentException(
          "Property '"
              + name
              + "' is "
              + property.type()
              + ", not "
              + type.name().toLowerCase(Locale.ROOT));
    }
  }

  private static InvalidConfigException missing(String name) {
    return new InvalidConfigException(List.of(new ConfigViolation(name, "is not set")));
  }
}
