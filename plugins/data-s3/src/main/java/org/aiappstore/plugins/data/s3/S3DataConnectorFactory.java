package org.aiappstore.plugins.data.s3;

import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
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

/** Creates {@link S3DataConnector}s: objects stored in a bucket of Amazon S3 or MinIO. */
@Extension
public final class S3DataConnectorFactory implements DataConnectorFactory {

  /** The S3 endpoint URI; empty for Amazon S3. */
  public static final String ENDPOINT = "endpoint";

  /** The signing region. */
  public static final String REGION = "region";

  /** The bucket name. */
  public static final String BUCKET = "bucket";

  /** The access key id. */
  public static final String ACCESS_KEY = "accessKey";

  /** The secret access key. */
  public static final String SECRET_KEY = "secretKey";

  /** Path-style addressing ({@code endpoint/bucket/key}). */
  public static final String PATH_STYLE = "pathStyle";

  /** Whether "Test connection" and the first write create a missing bucket. */
  public static final String CREATE_BUCKET = "createBucket";

  /** Size in MiB from which objects of known length are no longer buffered in memory. */
  public static final String MULTIPART_THRESHOLD = "multipartThreshold";

  /**
   * Size in MiB up to which objects of known length are streamed in one PutObject; 0 turns
   * streaming off.
   */
  public static final String STREAMING_LIMIT = "streamingLimit";

  /** Size in MiB of each part of a multipart upload. */
  public static final String PART_SIZE = "partSize";

  /** How many parts of one multipart upload are sent at once while the next one is read. */
  public static final String PARTS_IN_FLIGHT = "partsInFlight";

  /** Whether request bodies sent over plain http are hashed into the SigV4 signature. */
  public static final String PAYLOAD_SIGNING = "payloadSigning";

  /** The smallest part S3 accepts (except the last), in MiB. */
  static final int MIN_PART_SIZE_MIB = 5;

  /** The largest part or single upload buffered in memory, in MiB. */
  static final int MAX_BUFFER_MIB = 256;

  /** The largest object S3 accepts in one PutObject, in MiB (5 GiB). */
  static final int MAX_SINGLE_PUT_MIB = 5 * 1024;

  /** The most parts of one upload sent at once. */
  static final int MAX_PARTS_IN_FLIGHT = 8;

  private static final long MIB = 1024 * 1024;

  private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  private static final ConnectorDescriptor DESCRIPTOR =
      new ConnectorDescriptor(
          "s3",
          "S3 / MinIO",
          "Stores objects in a bucket of Amazon S3 or an S3-compatible server such as MinIO.",
          null);

  private static final ConfigSchema SCHEMA =
      ConfigSchema.of(
          ConfigProperty.uri(ENDPOINT)
              .label("Endpoint")
              .help("S3 endpoint, e.g. http://minio:9000. Leave empty for Amazon S3.")
              .build(),
          ConfigProperty.string(REGION)
              .label("Region")
              .help("Signing region; any value for MinIO.")
              .defaultValue("us-east-1")
              .build(),
          ConfigProperty.string(BUCKET)
              .label("Bucket")
              .help("Name of the bucket holding the objects.")
              .required()
              .build(),
          ConfigProperty.string(ACCESS_KEY).label("Access key").required().build(),
          ConfigProperty.secret(SECRET_KEY).label("Secret key").required().build(),
          ConfigProperty.bool(PATH_STYLE)
              .label("Path-style access")
              .help("Address the bucket in the path (MinIO) rather than in the host name.")
              .defaultValue(true)
              .build(),
          ConfigProperty.bool(CREATE_BUCKET)
              .label("Create bucket")
              .help("Create the bucket if it does not exist.")
              .defaultValue(false)
              .build(),
          ConfigProperty.integer(MULTIPART_THRESHOLD)
              .label("Multipart threshold (MiB)")
              .help(
                  "Objects of known size below this size are read into memory and sent in one"
                      + " request, which the connector can retry.")
              .defaultValue(16)
              .build(),
          ConfigProperty.integer(STREAMING_LIMIT)
              .label("Streaming limit (MiB)")
              .help(
                  "Objects of known size from the multipart threshold up to this size are streamed"
                      + " to S3 in one request without buffering (cheapest for S3 and this server,"
                      + " but a failed request is not retried); larger ones are uploaded in parts."
                      + " 0 to "
                      + MAX_SINGLE_PUT_MIB
                      + " (S3's limit for one request); 0 always uses parts.")
              .defaultValue(MAX_SINGLE_PUT_MIB)
              .build(),
          ConfigProperty.integer(PART_SIZE)
              .label("Part size (MiB)")
              .help("Size of each part of a multipart upload, at least 5.")
              .defaultValue(8)
              .build(),
          ConfigProperty.integer(PARTS_IN_FLIGHT)
              .label("Parts in flight")
              .help(
                  "Parts of one upload sent at once while the next is read, 1 to "
                      + MAX_PARTS_IN_FLIGHT
                      + "; an upload holds this many parts plus one in memory.")
              .defaultValue(2)
              .build(),
          ConfigProperty.bool(PAYLOAD_SIGNING)
              .label("Sign payloads over http")
              .help(
                  "Hash every uploaded byte into the request signature when the endpoint is plain"
                      + " http, so that the server rejects altered data; costs a SHA-256 pass on"
                      + " both sides. https endpoints never sign payloads: TLS protects them.")
              .defaultValue(true)
              .build());

  private static final Set<DataCapability> CAPABILITIES =
      Set.copyOf(
          EnumSet.of(DataCapability.RANGES, DataCapability.LIST, DataCapability.PRESIGNED_URLS));

  /** Creates the factory; PF4J calls this. */
  public S3DataConnectorFactory() {}

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
   * Creates a connector; it contacts S3 only when used.
   *
   * @throws InvalidConfigException if a value is outside what S3 accepts
   */
  @Override
  public DataConnector create(ConnectorConfig config, ConnectorContext context) {
    return new S3DataConnector(settings(config), context.clock());
  }

  /** Checks the values the schema cannot check. */
  static S3Settings settings(ConnectorConfig config) {
    List<ConfigViolation> violations = new ArrayList<>();
    Optional<URI> endpoint = config.optionalString(ENDPOINT).map(URI::create);
    endpoint.ifPresent(
        uri -> {
          String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
          if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            violations.add(
                new ConfigViolation(ENDPOINT, "must be an http or https URL with a host"));
          }
          if (uri.getUserInfo() != null) {
            violations.add(
                new ConfigViolation(ENDPOINT, "must not contain credentials: use the key fields"));
          }
        });
    String region = config.string(REGION).strip();
    if (region.isEmpty()) {
      violations.add(new ConfigViolation(REGION, "is required"));
    }
    String bucket = config.string(BUCKET).strip();
    if (!BUCKET_NAME.matcher(bucket).matches()) {
      violations.add(
          new ConfigViolation(
              BUCKET, "must be 3 to 63 lowercase letters, digits, dots or hyphens"));
    }
    int threshold = config.integer(MULTIPART_THRESHOLD);
    if (threshold < 1 || threshold > MAX_BUFFER_MIB) {
      violations.add(
          new ConfigViolation(
              MULTIPART_THRESHOLD, "must be between 1 and " + MAX_BUFFER_MIB + " MiB"));
    }
    int streamingLimit = config.integer(STREAMING_LIMIT);
    if (streamingLimit < 0 || streamingLimit > MAX_SINGLE_PUT_MIB) {
      violations.add(
          new ConfigViolation(
              STREAMING_LIMIT, "must be between 0 and " + MAX_SINGLE_PUT_MIB + " MiB"));
    }
    int partSize = config.integer(PART_SIZE);
    if (partSize < MIN_PART_SIZE_MIB || partSize > MAX_BUFFER_MIB) {
      violations.add(
          new ConfigViolation(
              PART_SIZE,
              "must be between " + MIN_PART_SIZE_MIB + " and " + MAX_BUFFER_MIB + " MiB"));
    }
    int partsInFlight = config.integer(PARTS_IN_FLIGHT);
    if (partsInFlight < 1 || partsInFlight > MAX_PARTS_IN_FLIGHT) {
      violations.add(
          new ConfigViolation(PARTS_IN_FLIGHT, "must be between 1 and " + MAX_PARTS_IN_FLIGHT));
    }
    if (!violations.isEmpty()) {
      throw new InvalidConfigException(violations);
    }
    return new S3Settings(
        endpoint,
        region,
        bucket,
        config.string(ACCESS_KEY).strip(),
        config.secret(SECRET_KEY),
        config.bool(PATH_STYLE),
        config.bool(CREATE_BUCKET),
        threshold * MIB,
        streamingLimit * MIB,
        (int) (partSize * MIB),
        partsInFlight,
        config.bool(PAYLOAD_SIGNING));
  }
}
