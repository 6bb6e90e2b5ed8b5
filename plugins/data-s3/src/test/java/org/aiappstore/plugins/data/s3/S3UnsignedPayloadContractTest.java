package org.aiappstore.plugins.data.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.aiappstore.plugin.api.data.DataConnectorFactory;
import org.aiappstore.plugin.tck.data.DataConnectorContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole data connector contract again with payload signing off over plain http and three parts
 * in flight: S3Proxy checks every request's signature, so an unsigned body it accepts is one that
 * the signature still covers correctly otherwise.
 */
class S3UnsignedPayloadContractTest extends DataConnectorContract {

  private static final String BUCKET = "tck-unsigned";

  @TempDir static Path serverDirectory;

  private static S3ProxyServer server;

  @BeforeAll
  static void startServer() throws Exception {
    server = S3ProxyServer.startWithBucket(serverDirectory, BUCKET);
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Override
  protected DataConnectorFactory factory() {
    return new S3DataConnectorFactory();
  }

  @Override
  protected Map<String, String> config() {
    Map<String, String> config = server.config(BUCKET);
    config.put(S3DataConnectorFactory.PART_SIZE, "5");
    config.put(S3DataConnectorFactory.PARTS_IN_FLIGHT, "3");
    config.put(S3DataConnectorFactory.PAYLOAD_SIGNING, "false");
    assertThat(config.get(S3DataConnectorFactory.ENDPOINT)).startsWith("http://");
    return config;
  }
}
