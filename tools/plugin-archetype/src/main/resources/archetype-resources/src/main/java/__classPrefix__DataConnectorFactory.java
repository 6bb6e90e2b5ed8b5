package ${package};

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
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

/**
 * Creates {@link ${classPrefix}DataConnector}s. PF4J finds this class through {@code @Extension}
 * (indexed at compile time by pf4j's annotation processor) and creates one instance: it must stay
 * stateless, everything per connector goes into the connector it creates.
 */
@Extension
public final class ${classPrefix}DataConnectorFactory implements DataConnectorFactory {

  /** The absolute directory holding the objects. */
  public static final String DIRECTORY = "directory";

  /** Whether a missing directory is created. */
  public static final String CREATE_DIRECTORY = "createDirectory";

  private static final ConnectorDescriptor DESCRIPTOR =
      new ConnectorDescriptor(
          "${connectorId}",
          "${connectorName}",
          "Stores objects as files in a directory of the server.",
          null);

  /** Drives the admin console's form: one field per property, validated before create() runs. */
  private static final ConfigSchema SCHEMA =
      ConfigSchema.of(
          ConfigProperty.string(DIRECTORY)
              .label("Directory")
              .help("Absolute path of the directory holding the objects, e.g. /var/lib/objects.")
              .required()
              .build(),
          ConfigProperty.bool(CREATE_DIRECTORY)
              .label("Create directory")
              .help("Create the directory on first write or connection check if it is missing.")
              .defaultValue(true)
              .build());

  /**
   * Declare only what the connector really does: the TCK tests each declared capability and checks
   * that every other one fails with NOT_SUPPORTED. This connector does not list (LIST) nor presign
   * URLs (PRESIGNED_URLS).
   */
  private static final Set<DataCapability> CAPABILITIES = Set.of(DataCapability.RANGES);

  /** Creates the factory; PF4J calls this. */
  public ${classPrefix}DataConnectorFactory() {}

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
   * Creates a connector without touching the filesystem: {@link DataConnector#checkConnection()}
   * and the first write do.
   *
   * @throws InvalidConfigException if the directory is not an absolute path
   */
  @Override
  public DataConnector create(ConnectorConfig config, ConnectorContext context) {
    String raw = config.string(DIRECTORY);
    Path directory;
    try {
      directory = Path.of(raw);
    } catch (InvalidPathException e) {
      throw invalidDirectory("is not a valid path");
    }
    if (!directory.isAbsolute()) {
      throw invalidDirectory("must be an absolute path");
    }
    return new ${classPrefix}DataConnector(
        directory.normalize(), config.bool(CREATE_DIRECTORY), context.clock());
  }

  private static InvalidConfigException invalidDirectory(String message) {
    return new InvalidConfigException(List.of(new ConfigViolation(DIRECTORY, message)));
  }
}
