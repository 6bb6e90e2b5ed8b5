package org.aiappstore.plugin.api.config;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One configuration property of a connector, as shown in the admin UI form.
 *
 * <p>Build one fluently: {@code
 * ConfigProperty.string("bucket").label("Bucket").required().build()}.
 *
 * @param name the key, matching {@code [a-zA-Z][a-zA-Z0-9._-]*}
 * @param label a short label for the form; defaults to the name
 * @param help a longer explanation; may be empty
 * @param type the value type
 * @param defaultValue the value used when none is given, or {@code null}
 * @param required whether a value (or a default) must be present
 * @param options the allowed values of an {@link ConfigType#ENUM}; empty for other types
 */
public record ConfigProperty(
    String name,
    String label,
    String help,
    ConfigType type,
    String defaultValue,
    boolean required,
    List<String> options) {

  /** How a secret value is shown; a masked value sent back means "keep the stored one". */
  public static final String MASK = "********";

  private static final Pattern NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9._-]*");

  /**
   * Validates the property.
   *
   * @param name the key, matching {@code [a-zA-Z][a-zA-Z0-9._-]*}
   * @param label a short label for the form; defaults to the name
   * @param help a longer explanation; may be empty
   * @param type the value type
   * @param defaultValue the value used when none is given, or {@code null}
   * @param required whether a value (or a default) must be present
   * @param options the allowed values of an {@link ConfigType#ENUM}; empty for other types
   */
  public ConfigProperty {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "Property name '" + name + "' must match " + NAME.pattern());
    }
    label = label == null || label.isBlank() ? name : label;
    help = help == null ? "" : help;
    options = options == null ? List.of() : List.copyOf(options);
    if (type == ConfigType.ENUM && options.isEmpty()) {
      throw new IllegalArgumentException("Enumeration property '" + name + "' needs options");
    }
    if (type != ConfigType.ENUM && !options.isEmpty()) {
      throw new IllegalArgumentException("Only enumeration properties have options: " + name);
    }
    if (defaultValue != null) {
      String problem = ConfigSchema.checkValue(type, options, defaultValue);
      if (problem != null) {
        throw new IllegalArgumentException("Default of '" + name + "' " + problem);
      }
    }
  }

  /**
   * Whether the value is a secret, masked in output.
   *
   * @return {@code true} for {@link ConfigType#SECRET}
   */
  public boolean secret() {
    return type == ConfigType.SECRET;
  }

  /**
   * Starts a {@link ConfigType#STRING} property.
   *
   * @param name the key
   * @return a builder
   */
  public static Builder string(String name) {
    return new Builder(name, ConfigType.STRING);
  }

  /**
   * Starts a {@link ConfigType#TEXT} property.
   *
   * @param name the key
   * @return a builder
   */
  public static Builder text(String name) {
    return new Builder(name, ConfigType.TEXT);
  }

  /**
   * Starts a {@link ConfigType#SECRET} property.
   *
   * @param name the key
   * @return a builder
   */
  public static Builder secret(String name) {
    return new Builder(name, ConfigType.SECRET);
  }

  /**
   * Starts a {@link ConfigType#BOOLEAN} property.
   *
   * @param name the key
   * @return a builder
   */
  public static Builder bool(String name) {
    return new Builder(name, ConfigType.BOOLEAN);
  }

  /**
   * Starts an {@link ConfigType#INTEGER} property.
   *
   * @param name the key
   * @return a builder
   */
  public static Builder integer(String name) {
    return new Builder(name, ConfigType.INTEGER);
  }

  /**
   * Starts a {@link ConfigType#URI} property.
   *
   * @param name the key
   * @return a builder
   */
  public static Builder uri(String name) {
    return new Builder(name, ConfigType.URI);
  }

  /**
   * Starts an {@link ConfigType#ENUM} property.
   *
   * @param name the key
   * @param options the allowed values, at least one
   * @return a builder
   */
  public static Builder enumeration(String name, String... options) {
    Builder builder = new Builder(name, ConfigType.ENUM);
    builder.options = List.of(options);
    return builder;
  }

  /**
   * Starts a {@link ConfigType#LIST} property.
   *
   * @param name the key
   * @return a builder
   */
  public static Builder list(String name) {
    return new Builder(name, ConfigType.LIST);
  }

  /** Builds a {@link ConfigProperty}; obtain one from the static factories. */
  public static final class Builder {
    private final String name;
    private final ConfigType type;
    private String label;
    private String help;
    private String defaultValue;
    private boolean required;
    private List<String> options = List.of();

    private Builder(String name, ConfigType type) {
      this.name = name;
      this.type = type;
    }

    /**
     * Sets the form label.
     *
     * @param label a short label
     * @return this builder
     */
    public Builder label(String label) {
      this.label = label;
      return this;
    }

    /**
     * Sets the help text.
     *
     * @param help a longer explanation
     * @return this builder
     */
    public Builder help(String help) {
      this.help = help;
      return this;
    }

    /**
     * Sets the default value, in its string form.
     *
     * @param defaultValue the default
     * @return this builder
     */
    public Builder defaultValue(String defaultValue) {
      this.defaultValue = defaultValue;
      return this;
    }

    /**
     * Sets a boolean default value.
     *
     * @param defaultValue the default
     * @return this builder
     */
    public Builder defaultValue(boolean defaultValue) {
      return defaultValue(Boolean.toString(defaultValue));
    }

    /**
     * Sets an integer default value.
     *
     * @param defaultValue the default
     * @return this builder
     */
    public Builder defaultValue(int defaultValue) {
      return defaultValue(Integer.toString(defaultValue));
    }

    /**
     * Marks the property as required.
     *
     * @return this builder
     */
    public Builder required() {
      return required(true);
    }

    /**
     * Sets whether the property is required.
     *
     * @param required whether a value must be present
     * @return this builder
     */
    public Builder required(boolean required) {
      this.required = required;
      return this;
    }

    /**
     * Builds the property.
     *
     * @return the validated property
     */
    public ConfigProperty build() {
      return new ConfigProperty(name, label, help, type, defaultValue, required, options);
    }
  }
}
