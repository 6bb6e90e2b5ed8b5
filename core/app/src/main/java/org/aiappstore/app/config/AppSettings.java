package org.aiappstore.app.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** Typed access to the {@link ConfigKey}s; the only place that reads raw configuration. */
@ApplicationScoped
public class AppSettings {

  private final Config config;

  public AppSettings() {
    this(ConfigProvider.getConfig());
  }

  AppSettings(Config config) {
    this.config = config;
  }

  public String value(ConfigKey key) {
    return config.getOptionalValue(key.key(), String.class).orElse(key.defaultValue()).trim();
  }

  public Optional<String> optional(ConfigKey key) {
    String value = value(key);
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  public List<String> list(ConfigKey key) {
    return Arrays.stream(value(key).split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  public int integer(ConfigKey key) {
    try {
      return Integer.parseInt(value(key));
    } catch (NumberFormatException e) {
      throw new IllegalStateException(key.key() + " must be an integer, not '" + value(key) + "'");
    }
  }

  public long longValue(ConfigKey key) {
    try {
      return Long.parseLong(value(key).trim());
    } catch (NumberFormatException e) {
      throw new IllegalStateException(key.key() + " must be an integer, not '" + value(key) + "'");
    }
  }

  /** An ISO-8601 duration ({@code PT2H}) or a short one ({@code 90m}, {@code 2h}, {@code 1d}). */
  public Duration duration(ConfigKey key) {
    String value = value(key);
    try {
      if (value.matches("\\d{1,9}[smhd]")) {
        long amount = Long.parseLong(value.substring(0, value.length() - 1));
        return switch (value.charAt(value.length() - 1)) {
          case 's' -> Duration.ofSeconds(amount);
          case 'm' -> Duration.ofMinutes(amount);
          case 'h' -> Duration.ofHours(amount);
          default -> Duration.ofDays(amount);
        };
      }
      return Duration.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalStateException(
          key.key() + " must be a duration such as PT2H or 2h, not '" + value + "'");
    }
  }

  public boolean flag(ConfigKey key) {
    return Boolean.parseBoolean(value(key));
  }

  public Path path(ConfigKey key) {
    return Path.of(value(key)).toAbsolutePath().normalize();
  }

  public Path dataDir() {
    return path(ConfigKey.DATA_DIR);
  }

  public Path pluginsDir() {
    return path(ConfigKey.PLUGINS_DIR);
  }

  public Path filesystemStorageDir() {
    return optional(ConfigKey.STORAGE_FILESYSTEM_DIR)
        .map(p -> Path.of(p).toAbsolutePath().normalize())
        .orElseGet(() -> dataDir().resolve("objects"));
  }
}
