package org.aiappstore.plugins.data.filesystem;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.aiappstore.plugin.api.ConnectorContext;
import org.aiappstore.plugin.api.ConnectorDescriptor;
import org.aiappstore.plugin.api.config.ConfigProperty;
import org.aiappstore.plugin.api.config.ConfigSchema;
import org.aiappstore.plugin.api.config.ConfigViolation;
import org.aiappstore.plugin.api.config.ConnectorConfig;
import org.aiappstore.plugin.api.data.DataCapability;
import org.aiappstore.plugin.api.data.DataConnector;
import org.aiappstore.plugin.api.data.DataConnectorFactory;
import org.aiappstore.plugin.api.error.InvalidConfigException;
import org.pf4j.Extension;

/** Creates {@link FilesystemDataConnector}s: objects stored as files under a base directory. */
@Extension
public final class FilesystemDataConnectorFactory implements DataConnectorFactory {

  /** The absolute directory holding the store. */
  public static final String BASE_DIRECTORY = "baseDirectory";

  /** Whether a missing base directory is created. */
  public static final String CREATE_DIRECTORIES = "createDirectories";

  private static final ConnectorDescriptor DESCRIPTOR =
      new ConnectorDescriptor(
          "filesystem",
          "Local filesystem",
          "Stores objects as files under a directory of the server, such as a mounted volume.",
          null);

  private static final ConfigSchema SCHEMA =
      ConfigSchema.of(
          ConfigProperty.string(BASE_DIRECTORY)
              .label("Base directory")
              .help("Absolute path of the directory holding the objects, e.g. /var/lib/aiappstore.")
              .required()
              .build(),
          ConfigProperty.bool(CREATE_DIRECTORIES)
              .label("Create directories")
              .help("Create the base directory if it does not exist.")
              .defaultValue(true)
              .build());

  private static final Set<DataCapability> CAPABILITIES =
      Set.copyOf(EnumSet.of(DataCapability.RANGES, DataCapability.LIST));

  /** Creates the factory; PF4J calls this. */
  public FilesystemDataConnectorFactory() {}

  @Override
  public ConnectorDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public ConfigSchema configSchema() {
    return SCHEMA;
  }

  @Override
  public Set<DataCapability> capabilities() {
    return CAPABILITIES;
  }

  /**
   * Creates a connector; it touches the filesystem only when first used.
   *
   * @throws InvalidConfigException if the base directory is not an absolute path
   */
  @Override
  public DataConnector create(ConnectorConfig config, ConnectorContext context) {
    String raw = config.string(BASE_DIRECTORY);
    Path base;
    try {
      base = Path.of(raw);
    } catch (InvalidPathException e) {
      throw invalidBase("is not a valid path");
    }
    if (!base.isAbsolute()) {
      throw invalidBase("must be an absolute path");
    }
    return new FilesystemDataConnector(base.normalize(), config.bool(CREATE_DIRECTORIES));
  }

  private static InvalidConfigException invalidBase(String message) {
    return new InvalidConfigException(List.of(new ConfigViolation(BASE_DIRECTORY, message)));
  }
}
