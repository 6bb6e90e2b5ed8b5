package org.aiappstore.plugins.data.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.aiappstore.plugin.api.ConnectorContext;
import org.aiappstore.plugin.api.config.ConnectorConfig;
import org.aiappstore.plugin.api.data.ByteRange;
import org.aiappstore.plugin.api.data.DataConnector;
import org.aiappstore.plugin.api.data.StoredObject;
import org.aiappstore.plugin.tck.data.GeneratedContent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a read costs on the wire, seen by a relay in front of S3Proxy: an object the host stops
 * reading early (a cancelled download, a range that was enough) must not be transferred to its end
 * to keep the connection, and an object read to its end must keep it.
 *
 * <p>The SDK documents that closing a partly read response lets a pooling HTTP client (Apache) read
 * the rest; the JDK's HttpURLConnection, under the url-connection client, drops the connection
 * instead when more than a small rest (512 KiB) remains. These tests hold either way.
 */
class S3PartialReadTest {

  private static final String BUCKET = "partial-read";
  private static final String LARGE = "large.bin";
  private static final String SMALL = "small.bin";
  private static final long LARGE_SIZE = 64L * 1024 * 1024;
  private static final long SMALL_SIZE = 100 * 1024;
  private static final Duration GUARD = Duration.ofSeconds(60);

  @TempDir static Path serverDirectory;

  private static S3ProxyServer server;

  private TcpRelay relay;
  private DataConnector connector;

  @BeforeAll
  static void startServerWithObjects() throws Exception {
    server = S3ProxyServer.startWithBucket(serverDirectory, BUCKET);
    try (DataConnector direct = create(server.config(BUCKET))) {
      direct.put(LARGE, GeneratedContent.stream(1, LARGE_SIZE), LARGE_SIZE, null);
      direct.put(SMALL, GeneratedContent.stream(2, SMALL_SIZE), SMALL_SIZE, null);
    }
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void readThroughARelay() throws IOException {
    relay = TcpRelay.start(server.endpoint());
    Map<String, String> config = server.config(BUCKET);
    config.put(S3DataConnectorFactory.ENDPOINT, relay.endpoint().toString());
    connector = create(config);
  }

  @AfterEach
  void close() throws IOException {
    connector.close();
    relay.close();
  }

  @Test
  void shouldNotTransferTheRestOfAnObjectClosedAfterAFewBytes() throws Exception {
    try (StoredObject object = connector.get(LARGE, null)) {
      assertThat(object.stream().readNBytes(16)).isEqualTo(GeneratedContent.bytes(1, 0, 16));
    }

    assertThat(relay.bytesFromServer()).isLessThan(LARGE_SIZE / 2);
    assertThat(relay.awaitNoOpenConnection(GUARD)).as("the connection is dropped").isTrue();
    assertThat(relay.bytesFromServer()).isLessThan(LARGE_SIZE / 2);
  }

  @Test
  void shouldNotTransferTheRestOfARangeClosedAfterAFewBytes() throws Exception {
    try (StoredObject object = connector.get(LARGE, ByteRange.from(1024))) {
      assertThat(object.stream().readNBytes(16)).isEqualTo(GeneratedContent.bytes(1, 1024, 16));
    }

    assertThat(relay.bytesFromServer()).isLessThan(LARGE_SIZE / 2);
    assertThat(relay.awaitNoOpenConnection(GUARD)).as("the connection is dropped").isTrue();
    assertThat(relay.bytesFromServer()).isLessThan(LARGE_SIZE / 2);
  }

  @Test
  void shouldReuseTheConnectionOfObjectsReadToTheirEnd() throws Exception {
    for (int i = 0; i < 3; i++) {
      try (StoredObject object = connector.get(SMALL, null)) {
        assertThat(GeneratedContent.sha256(object.stream()).digest())
            .isEqualTo(GeneratedContent.sha256(2, SMALL_SIZE));
      }
    }

    assertThat(relay.connections()).isEqualTo(1);
    assertThat(relay.openConnections()).isEqualTo(1);
  }

  private static DataConnector create(Map<String, String> config) {
    S3DataConnectorFactory factory = new S3DataConnectorFactory();
    return factory.create(
        ConnectorConfig.of(factory.configSchema(), config), ConnectorContext.defaults());
  }
}
