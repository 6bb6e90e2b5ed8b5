package org.aiappstore.plugins.data.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.aiappstore.plugin.api.data.DataConnectorFactory;
import org.aiappstore.plugin.api.data.ObjectInfo;
import org.aiappstore.plugin.tck.data.DataConnectorContract;
import org.aiappstore.plugin.tck.data.GeneratedContent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole data connector contract again with streaming turned off: objects of known length above
 * the multipart threshold (the large-object test's) then go in parts, as they do above the
 * streaming limit.
 */
class S3MultipartContractTest extends DataConnectorContract {

  private static final String BUCKET = "tck-multipart";

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
    config.put(S3DataConnectorFactory.STREAMING_LIMIT, "0");
    return config;
  }

  @Test
  void shouldSendAKnownLengthAboveTheThresholdInParts() {
    long size = 17L * 1024 * 1024;

    ObjectInfo stored = connector().put(key("parts"), GeneratedContent.stream(1, size), size, null);

    assertThat(stored.etag()).endsWith("-4");
  }
}
