package org.aiappstore.plugin.api.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The ordered configuration properties of a connector; validates raw values against them. */
public final class ConfigSchema {

  private static final ConfigSchema EMPTY = new ConfigSchema(List.of());

  private final Map<String, ConfigProperty> properties;

  private ConfigSchema(List<ConfigProperty> properties) {
    Map<String, ConfigProperty> byName = new LinkedHashMap<>();
    for (ConfigProperty property : properties) {
      Objects.requireNonNull(property, "property");
      if (byName.putIfAbsent(property.name(), property) != null) {
        throw new IllegalArgumentException("Duplicate property '" + property.name() + "'");
      }
    }
    this.properties = Collections.unmodifiableMap(byName);
  }

  /**
   * Creates a schema.
   *
   * @param properties the properties, in form order; names must be unique
   * @return the schema
   */
  public static ConfigSchema of(ConfigProperty... properties) {
    return properties.length == 0 ? EMPTY : new ConfigSchema(List.of(properties));
  }

  /**
   * The properties, in form order.
   *
   * @return an immutable list
   */
  public List<ConfigProperty> properties() {
    return List.copyOf(properties.values());
  }

  /**
   * Looks up a property.
   *
   * @param name the property name
   * @return the property, or empty if the schema has none of that name
   */
  public Optional<ConfigProperty> property(String name) {
    return Optional.ofNullable(properties.get(name));
  }

  /**
   * Validates raw values: unknown keys, missing required values and values not matching their type
   * are violations. A blank value counts as missing; a missing value is satisfied by the property's
   * default.
   *
   * @param values raw values by property name
   * @return the violations, unknown keys first then in schema order; empty if valid
   */
  public List<ConfigViolation> validate(Map<String, String> values) {
    Objects.requireNonNull(values, "values");
    List<ConfigViolation> violations = new ArrayList<>();
    values.keySet().stream()
        .filter(key -> !properties.containsKey(key))
        .sorted(Comparator.nullsFirst(Comparator.naturalOrder()))
        .forEach(
            key ->
                violations.add(
                    new ConfigViolation(String.valueOf(key), "is not a known property")));
    for (ConfigProperty property : properties.values()) {
      String value = values.get(property.name());
      if (value == null || value.isBlank()) {
        if (property.required() && property.defaultValue() == null) {
          violations.add(new ConfigViolation(property.name(), "is required"));
        }
        continue;
      }
      String problem = checkValue(property.type(), property.options(), value);
      if (problem != null) {
        violations.add(new ConfigViolation(property.name(), problem));
      }
    }
    return List.copyOf(violations);
  }

  /** Returns what is wrong with a non-blank value of a type, or null if it is valid. */
  static String checkValue(ConfigType type, List<String> options, String value) {
    String trimmed = value.trim();
    switch (type) {
      case INTEGER:
        try {
          Integer.parseInt(trimmed);
          return null;
        } catch (NumberFormatException e) {
          return "must be a whole number between "
              + Integer.MIN_VALUE
              + " and "
              + Integer.MAX_VALUE
              + ", not '"
              + trimmed
              + "'";
        }
      case BOOLEAN:
        String lower = trimmed.toLowerCase(Locale.ROOT);
        return lower.equals("true") || lower.equals("false")
            ? null
            : "must be true or false, not '" + trimmed + "'";
      case URI:
        try {
          return new URI(trimmed).isAbsolute()
              ? null
              : "must be an absolute URI with a scheme, such as https://host/path";
        } catch (URISyntaxException e) {
          return "is not a valid URI: " + e.getReason();
        }
      case ENUM:
        return options.contains(trimmed)
            ? null
            : "must be one of " + String.join(", ", options) + ", not '" + trimmed + "'";
      case LIST:
        for (String item : trimmed.split(",", -1)) {
          if (item.isBlank()) {
            return "must be a comma-separated list without empty items";
          }
        }
        return null;
      default:
        return null;
    }
  }

  /**
   * The property names, in order.
   *
   * @return a description of this schema
   */
  @Override
  public String toString() {
    return "ConfigSchema" + properties.keySet();
  }
}
