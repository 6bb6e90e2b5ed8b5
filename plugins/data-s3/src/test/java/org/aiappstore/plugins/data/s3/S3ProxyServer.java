package org.aiappstore.plugins.data.s3;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.aiappstore.plugin.api.ConnectionCheck;
import org.aiappstore.plugin.api.ConnectorContext;
import org.aiappstore.plugin.api.config.ConnectorConfig;
import org.aiappstore.plugin.api.data.DataConnector;
import org.aiappstore.plugin.tck.data.testing.S3ProxyProcess;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/** The TCK's S3Proxy process, plus this plugin's config for one of its buckets. */
final class S3ProxyServer implements AutoCloseable {

  static final String ACCESS_KEY = S3ProxyProcess.ACCESS_KEY;
  static final String SECRET_KEY = S3ProxyProcess.SECRET_KEY;

  private final S3ProxyProcess process;

  private S3ProxyServer(S3ProxyProcess process) {
    this.process = process;
  }

  static S3ProxyServer start(Path directory) throws IOException, InterruptedException {
    return new S3ProxyServer(S3ProxyProcess.start(directory));
  }

  /**
   * Starts S3Proxy and creates a bucket through the connector's own "Test connection", which must
   * succeed.
   */
  static S3ProxyServer startWithBucket(Path directory, String bucket)
      throws IOException, InterruptedException {
    S3ProxyServer server = start(directory);
    Map<String, String> config = server.config(bucket);
    config.put(S3DataConnectorFactory.CREATE_BUCKET, "true");
    S3DataConnectorFactory factory = new S3DataConnectorFactory();
    try (DataConnector connector =
        factory.create(
            ConnectorConfig.of(factory.configSchema(), config), ConnectorContext.defaults())) {
      ConnectionCheck check = connector.checkConnection();
      if (!check.ok()) {
        server.close();
        throw new IllegalStateException("Could not create the bucket " + bucket + ": " + check);
      }
    }
    return server;
  }

  /** Where S3Proxy listens, e.g. {@code http://127.0.0.1:41805}. */
  URI endpoint() {
    return process.endpoint();
  }

  /** A working connector configuration for a bucket, as mutable raw values. */
  Map<String, String> config(String bucket) {
    Map<String, String> config = new HashMap<>();
    config.put(S3DataConnectorFactory.ENDPOINT, process.endpoint().toString());
    config.put(S3DataConnectorFactory.BUCKET, bucket);
    config.put(S3DataConnectorFactory.ACCESS_KEY, ACCESS_KEY);
    config.put(S3DataConnectorFactory.SECRET_KEY, SECRET_KEY);
    return config;
  }

  /** Keys of the multipart uploads started under a prefix and neither completed nor aborted. */
  List<String> multipartUploads(String bucket, String prefix) {
    try (S3Client s3 =
        S3Client.builder()
            .endpointOverride(process.endpoint())
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build()) {
      return s3.listMultipartUploads(b -> b.bucket(bucket).prefix(prefix)).uploads().stream()
          .map(MultipartUpload::key)
          .toList();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.close();
  }
}
