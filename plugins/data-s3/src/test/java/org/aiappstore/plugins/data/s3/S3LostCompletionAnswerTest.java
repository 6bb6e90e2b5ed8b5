package org.aiappstore.plugins.data.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.aiappstore.plugin.api.ConnectorContext;
import org.aiappstore.plugin.api.config.ConnectorConfig;
import org.aiappstore.plugin.api.data.DataConnector;
import org.aiappstore.plugin.api.data.ObjectInfo;
import org.aiappstore.plugin.api.data.StoredObject;
import org.aiappstore.plugin.api.error.PlatformErrors;
import org.aiappstore.plugin.api.error.PlatformException;
import org.aiappstore.plugin.tck.data.GeneratedContent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CompleteMultipartUpload that S3 carried out but whose answer was lost: the SDK sends it again
 * and S3 answers NoSuchUpload, as the upload is over. A relay in front of S3Proxy loses the answer.
 *
 * <p>S3Proxy itself answers a completion sent again with success when the object in place has the
 * ETag of the parts named, and with NoSuchUpload otherwise. MinIO and StorageGRID, among others,
 * answer NoSuchUpload in either case; where the object is in place, the relay answers for them.
 */
class S3LostCompletionAnswerTest {

  private static final String BUCKET = "lost-answer";
  private static final long MIB = 1024 * 1024;
  private static final long SIZE = 12 * MIB;

  /** How a server that does not remember completed uploads answers a completion sent again. */
  private static final String NO_SUCH_UPLOAD =
      answer(
          "404 Not Found",
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchUpload</Code>"
              + "<Message>The specified multipart upload does not exist.</Message></Error>");

  @TempDir static Path serverDirectory;

  private static S3ProxyServer server;

  private TcpRelay relay;
  private DataConnector connector;

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

  @BeforeEach
  void uploadThroughARelay() throws IOException {
    relay = TcpRelay.start(server.endpoint());
    Map<String, String> config = server.config(BUCKET);
    config.put(S3DataConnectorFactory.ENDPOINT, relay.endpoint().toString());
    // 12 MiB in parts of 5, 5 and 2 MiB.
    config.put(S3DataConnectorFactory.MULTIPART_THRESHOLD, "1");
    config.put(S3DataConnectorFactory.STREAMING_LIMIT, "0");
    config.put(S3DataConnectorFactory.PART_SIZE, "5");
    connector = create(config);
  }

  @AfterEach
  void close() throws IOException {
    connector.close();
    relay.close();
  }

  @Test
  void shouldReportTheUploadAsDoneWhenTheObjectIsInPlace() throws IOException {
    relay.dropTheAnswerToTheNext(
        S3LostCompletionAnswerTest::isCompletion,
        () -> relay.answerTheNext(S3LostCompletionAnswerTest::isCompletion, NO_SUCH_UPLOAD));

    ObjectInfo stored = connector.put("done.bin", GeneratedContent.stream(1, SIZE), SIZE, null);

    assertThat(relay.droppedAnswers()).isEqualTo(1);
    try (StoredObject object = connector.get("done.bin", null)) {
      String digest = GeneratedContent.sha256(object.stream()).digest();
      assertSoftly(
          soft -> {
            soft.assertThat(stored.size()).isEqualTo(SIZE);
            soft.assertThat(stored.etag()).isEqualTo(object.info().etag()).endsWith("-3");
            soft.assertThat(digest).isEqualTo(GeneratedContent.sha256(1, SIZE));
            soft.assertThat(server.multipartUploads(BUCKET, "done.bin")).isEmpty();
          });
    }
  }

  @Test
  void shouldKeepTheErrorWhenAnotherObjectOfTheSameSizeTookThePlace() {
    relay.dropTheAnswerToTheNext(
        S3LostCompletionAnswerTest::isCompletion, () -> putDirectly("taken.bin", 2, SIZE));

    assertThatThrownBy(
            () -> connector.put("taken.bin", GeneratedContent.stream(1, SIZE), SIZE, null))
        .isInstanceOfSatisfying(
            PlatformException.class,
            e -> assertThat(e.errorCode()).isEqualTo(PlatformErrors.NOT_FOUND));
    assertThat(relay.droppedAnswers()).isEqualTo(1);
  }

  @Test
  void shouldKeepTheErrorWhenAnObjectOfAnotherSizeTookThePlace() {
    relay.dropTheAnswerToTheNext(
        S3LostCompletionAnswerTest::isCompletion, () -> putDirectly("shorter.bin", 1, SIZE - 1));

    assertThatThrownBy(
            () -> connector.put("shorter.bin", GeneratedContent.stream(1, SIZE), SIZE, null))
        .isInstanceOfSatisfying(
            PlatformException.class,
            e -> assertThat(e.errorCode()).isEqualTo(PlatformErrors.NOT_FOUND));
    assertThat(relay.droppedAnswers()).isEqualTo(1);
  }

  private static String answer(String status, String xml) {
    return "HTTP/1.1 "
        + status
        + "\r\nContent-Type: application/xml\r\nContent-Length: "
        + xml.getBytes(StandardCharsets.UTF_8).length
        + "\r\nConnection: close\r\n\r\n"
        + xml;
  }

  /** CompleteMultipartUpload is the one POST naming an upload id. */
  private static boolean isCompletion(String requestLine) {
    return requestLine.startsWith("POST ") && requestLine.contains("uploadId=");
  }

  /** Another writer, straight to S3Proxy, in one PutObject. */
  private static void putDirectly(String key, long seed, long size) {
    try (DataConnector direct = create(server.config(BUCKET));
        InputStream content = GeneratedContent.stream(seed, size)) {
      direct.put(key, content, size, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static DataConnector create(Map<String, String> config) {
    S3DataConnectorFactory factory = new S3DataConnectorFactory();
    return factory.create(
        ConnectorConfig.of(factory.configSchema(), config), ConnectorContext.defaults());
  }
}
