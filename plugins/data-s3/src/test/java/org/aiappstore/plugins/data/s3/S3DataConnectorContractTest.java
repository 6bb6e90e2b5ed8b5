package org.aiappstore.plugins.data.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.SequenceInputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.aiappstore.plugin.api.ConnectionCheck;
import org.aiappstore.plugin.api.ConnectorContext;
import org.aiappstore.plugin.api.config.ConnectorConfig;
import org.aiappstore.plugin.api.data.ByteRange;
import org.aiappstore.plugin.api.data.DataConnector;
import org.aiappstore.plugin.api.data.DataConnectorFactory;
import org.aiappstore.plugin.api.data.ObjectInfo;
import org.aiappstore.plugin.api.data.StoredObject;
import org.aiappstore.plugin.api.error.PlatformErrors;
import org.aiappstore.plugin.api.error.PlatformException;
import org.aiappstore.plugin.tck.data.DataConnectorContract;
import org.aiappstore.plugin.tck.data.GeneratedContent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The S3 connector against the data connector contract and a real S3 server (S3Proxy), plus what
 * only S3 has: credentials, buckets and multipart uploads.
 */
class S3DataConnectorContractTest extends DataConnectorContract {

  private static final String BUCKET = "tck";
  private static final long MIB = 1024 * 1024;

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
    return config;
  }

  /** The test configuration with every known length above the threshold sent in parts. */
  private Map<String, String> withoutStreaming() {
    Map<String, String> config = config();
    config.put(S3DataConnectorFactory.STREAMING_LIMIT, "0");
    return config;
  }

  private static DataConnector create(Map<String, String> config) {
    S3DataConnectorFactory factory = new S3DataConnectorFactory();
    return factory.create(
        ConnectorConfig.of(factory.configSchema(), config), ConnectorContext.defaults());
  }

  @Nested
  class WhenCheckingTheConnection {

    @Test
    void shouldReportBadCredentialsAsNotRetryableWithoutTheSecret() {
      Map<String, String> config = server.config(BUCKET);
      config.put(S3DataConnectorFactory.SECRET_KEY, "wrong-secret-5b7c1e");

      try (DataConnector connector = create(config)) {
        ConnectionCheck check = connector.checkConnection();

        assertThat(check.ok()).isFalse();
        assertThat(check.retryable()).isFalse();
        assertThat(check.detail())
            .contains("credentials")
            .doesNotContain("wrong-secret-5b7c1e")
            .doesNotContain(S3ProxyServer.SECRET_KEY);
      }
    }

    @Test
    void shouldReportAnUnknownAccessKeyAsNotRetryable() {
      Map<String, String> config = server.config(BUCKET);
      config.put(S3DataConnectorFactory.ACCESS_KEY, "unknown-access-key");

      try (DataConnector connector = create(config)) {
        ConnectionCheck check = connector.checkConnection();

        assertThat(check.ok()).isFalse();
        assertThat(check.retryable()).isFalse();
      }
    }

    @Test
    void shouldReportAnUnreachableEndpointAsRetryable() {
      Map<String, String> config = server.config(BUCKET);
      config.put(S3DataConnectorFactory.ENDPOINT, "http://127.0.0.1:1");

      try (DataConnector connector = create(config)) {
        ConnectionCheck check = connector.checkConnection();

        assertThat(check.ok()).isFalse();
        assertThat(check.retryable()).isTrue();
        assertThat(check.detail()).doesNotContain(S3ProxyServer.SECRET_KEY);
      }
    }

    @Test
    void shouldReportAMissingBucketUnlessAskedToCreateIt() {
      Map<String, String> config = server.config("missing-bucket");

      try (DataConnector connector = create(config)) {
        ConnectionCheck check = connector.checkConnection();

        assertThat(check.ok()).isFalse();
        assertThat(check.retryable()).isFalse();
        assertThat(check.detail()).contains("missing-bucket").contains("createBucket");
      }
    }

    @Test
    void shouldCreateAMissingBucketWhenAsked() {
      Map<String, String> config = server.config("created-bucket");
      config.put(S3DataConnectorFactory.CREATE_BUCKET, "true");

      try (DataConnector connector = create(config)) {
        assertThat(connector.checkConnection().detail()).contains("Created bucket");
        assertThat(connector.checkConnection().ok()).isTrue();
      }
    }
  }

  @Nested
  class WhenTheBucketIsMissing {

    @Test
    void shouldFailHeadAndDeleteInsteadOfReportingTheObjectMissing() {
      try (DataConnector connector = create(server.config("no-such-bucket"))) {
        assertThatThrownBy(() -> connector.head(key("x")))
            .isInstanceOfSatisfying(
                PlatformException.class,
                e -> {
                  assertThat(e.errorCode()).isEqualTo(PlatformErrors.UNAVAILABLE);
                  assertThat(e.getMessage()).contains("no-such-bucket");
                });
        assertThatThrownBy(() -> connector.delete(key("x")))
            .isInstanceOfSatisfying(
                PlatformException.class,
                e -> assertThat(e.errorCode()).isEqualTo(PlatformErrors.UNAVAILABLE));
      }
    }

    @Test
    void shouldStillReportAMissingObjectInAnExistingBucketAsEmpty() {
      assertThat(connector().head(key("missing"))).isEmpty();
      assertThat(connector().delete(key("missing"))).isFalse();
    }
  }

  @Nested
  class WhenCredentialsAreWrong {

    @Test
    void shouldFailOperationsAsUnauthorized() {
      Map<String, String> config = server.config(BUCKET);
      config.put(S3DataConnectorFactory.SECRET_KEY, "wrong-secret-5b7c1e");

      try (DataConnector connector = create(config)) {
        assertThatThrownBy(() -> connector.get(key("x"), ByteRange.all()))
            .isInstanceOfSatisfying(
                PlatformException.class,
                e -> {
                  assertThat(e.errorCode()).isEqualTo(PlatformErrors.UNAUTHORIZED_REMOTE);
                  assertThat(e.retryable()).isFalse();
                  assertThat(e.getMessage()).doesNotContain("wrong-secret-5b7c1e");
                });
        assertThatThrownBy(() -> connector.head(key("x")))
            .isInstanceOfSatisfying(
                PlatformException.class,
                e -> assertThat(e.errorCode()).isEqualTo(PlatformErrors.UNAUTHORIZED_REMOTE));
      }
    }

    @Test
    void shouldNotPrintTheSecret() {
      assertThat(connector().toString()).contains(BUCKET).doesNotContain(S3ProxyServer.SECRET_KEY);
    }
  }

  @Nested
  class WhenUploadsGoWrong {

    /** For known lengths, which the default settings stream in one PutObject. */
    private DataConnector multipart;

    @BeforeEach
    void openMultipartConnector() {
      multipart = create(withoutStreaming());
    }

    @AfterEach
    void closeMultipartConnector() {
      multipart.close();
    }

    @Test
    void shouldRejectASingleUploadShorterThanDeclared() {
      assertThatThrownBy(
              () -> connector().put(key("short"), new ByteArrayInputStream(new byte[3]), 10, null))
          .isInstanceOfSatisfying(
              PlatformException.class,
              e -> assertThat(e.errorCode()).isEqualTo(PlatformErrors.INVALID_ARGUMENT));
      assertThat(connector().head(key("short"))).isEmpty();
    }

    @Test
    void shouldRejectAMultipartUploadShorterThanDeclared() {
      long declared = 40 * MIB;

      assertThatThrownBy(
              () ->
                  multipart.put(
                      key("short-multipart"), GeneratedContent.stream(1, 12 * MIB), declared, null))
          .isInstanceOfSatisfying(
              PlatformException.class,
              e -> assertThat(e.errorCode()).isEqualTo(PlatformErrors.INVALID_ARGUMENT));
      assertThat(connector().head(key("short-multipart"))).isEmpty();
    }

    @Test
    void shouldRejectAKeyLongerThan1024BytesOfUtf8() {
      // 801 characters, which ObjectKeys accepts, but 1201 bytes, which S3 does not.
      String name = "é/".repeat(400) + "x";

      assertThatThrownBy(() -> put(name, "content", null))
          .isInstanceOfSatisfying(
              PlatformException.class,
              e -> {
                assertThat(e.errorCode()).isEqualTo(PlatformErrors.INVALID_ARGUMENT);
                assertThat(e.getMessage()).contains("1024 bytes");
              });
      assertThat(connector().list(key("é/"), 1)).isEmpty();
    }

    @Test
    void shouldRejectAnUploadLongerThanDeclared() {
      assertThatThrownBy(
              () -> connector().put(key("long"), new ByteArrayInputStream(new byte[30]), 10, null))
          .isInstanceOfSatisfying(
              PlatformException.class,
              e -> assertThat(e.errorCode()).isEqualTo(PlatformErrors.INVALID_ARGUMENT));
      assertThat(connector().head(key("long"))).isEmpty();
    }

    @Test
    void shouldAbortAMultipartUploadWhoseSourceFails() {
      InputStream failing =
          new SequenceInputStream(
              GeneratedContent.stream(2, 11 * MIB),
              new InputStream() {
                @Override
                public int read() throws IOException {
                  throw new IOException("disk gone");
                }
              });

      assertThatThrownBy(() -> connector().put(key("failing"), failing, -1, null))
          .isInstanceOf(PlatformException.class);
      assertThat(connector().head(key("failing"))).isEmpty();
      assertThat(connector().list(key(""), 10)).isEmpty();
      assertThat(server.multipartUploads(BUCKET, key(""))).isEmpty();
    }

    @Test
    void shouldPassOnTheSourcesOwnErrorAndLeaveNoPartBehind() {
      // What the host's size limit throws when an upload goes past it, several parts in.
      PlatformException tooLarge = PlatformException.invalidArgument("Too large");
      InputStream failing =
          new SequenceInputStream(
              GeneratedContent.stream(3, 23 * MIB),
              new InputStream() {
                @Override
                public int read() {
                  throw tooLarge;
                }
              });

      assertThatThrownBy(() -> connector().put(key("too-large"), failing, -1, "video/mp4"))
          .isSameAs(tooLarge);
      assertThat(connector().head(key("too-large"))).isEmpty();
      assertThat(server.multipartUploads(BUCKET, key(""))).isEmpty();
    }

    @Test
    void shouldLeaveNoPartBehindWhenTheUploadingThreadIsInterrupted() throws Exception {
      CountDownLatch waiting = new CountDownLatch(1);
      InputStream stalled =
          new SequenceInputStream(
              GeneratedContent.stream(5, 12 * MIB),
              new InputStream() {
                @Override
                public int read() throws IOException {
                  waiting.countDown();
                  try {
                    new CountDownLatch(1).await();
                    return -1;
                  } catch (InterruptedException e) {
                    // As a well-behaved stream does: the interrupt stays visible to the caller.
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("client read interrupted");
                  }
                }
              });
      ExecutorService caller = Executors.newSingleThreadExecutor();
      try {
        Future<ObjectInfo> upload =
            caller.submit(() -> connector().put(key("interrupted"), stalled, -1, null));
        assertThat(waiting.await(1, TimeUnit.MINUTES)).isTrue();

        // What the host's call guard does when an upload outlives its deadline.
        upload.cancel(true);
        caller.shutdown();

        assertThat(caller.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
      } finally {
        caller.shutdownNow();
      }
      assertThat(connector().head(key("interrupted"))).isEmpty();
      assertThat(server.multipartUploads(BUCKET, key(""))).isEmpty();
    }

    @Test
    void shouldLeaveNoPartBehindWhenADeclaredLengthIsNotMet() {
      assertThatThrownBy(
              () ->
                  multipart.put(key("short"), GeneratedContent.stream(4, 21 * MIB), 40 * MIB, null))
          .isInstanceOf(PlatformException.class);
      assertThat(server.multipartUploads(BUCKET, key(""))).isEmpty();
    }
  }

  @Nested
  class WhenStreamingAKnownLength {

    @Test
    void shouldSendItInOnePutObject() throws IOException {
      long size = 21 * MIB + 5;

      ObjectInfo stored =
          connector().put(key("streamed"), GeneratedContent.stream(6, size), size, "video/mp4");

      // S3 gives a multipart object the ETag "<md5 of the parts' md5s>-<parts>".
      assertThat(stored.etag()).isEqualTo(md5(GeneratedContent.stream(6, size)));
      ObjectInfo head = connector().head(key("streamed")).orElseThrow();
      assertThat(head.size()).isEqualTo(size);
      assertThat(head.contentType()).isEqualTo("video/mp4");
      assertThat(head.etag()).isEqualTo(stored.etag());
    }

    @Test
    void shouldUsePartsAboveTheStreamingLimit() throws IOException {
      Map<String, String> config = config();
      config.put(S3DataConnectorFactory.MULTIPART_THRESHOLD, "1");
      config.put(S3DataConnectorFactory.STREAMING_LIMIT, "6");
      long limit = 6 * MIB;

      try (DataConnector limited = create(config)) {
        ObjectInfo atLimit =
            limited.put(key("at-limit"), GeneratedContent.stream(7, limit), limit, null);
        ObjectInfo above =
            limited.put(key("above"), GeneratedContent.stream(8, limit + 1), limit + 1, null);

        assertThat(atLimit.etag()).isEqualTo(md5(GeneratedContent.stream(7, limit)));
        assertThat(above.etag()).endsWith("-2");
        try (StoredObject object = limited.get(key("above"), ByteRange.all())) {
          assertThat(GeneratedContent.sha256(object.stream()).digest())
              .isEqualTo(GeneratedContent.sha256(8, limit + 1));
        }
      }
    }

    @Test
    void shouldRejectAShortBodyAndStoreNothing() {
      assertThatThrownBy(
              () ->
                  connector()
                      .put(key("short"), GeneratedContent.stream(9, 20 * MIB), 40 * MIB, null))
          .isInstanceOfSatisfying(
              PlatformException.class,
              e -> {
                assertThat(e.errorCode()).isEqualTo(PlatformErrors.INVALID_ARGUMENT);
                assertThat(e.getMessage()).contains("declared as " + 40 * MIB);
              });
      assertThat(connector().head(key("short"))).isEmpty();
      assertThat(server.multipartUploads(BUCKET, key(""))).isEmpty();
    }

    @Test
    void shouldRejectALongerBodyAndStoreNothing() {
      assertThatThrownBy(
              () ->
                  connector()
                      .put(key("long"), GeneratedContent.stream(10, 20 * MIB + 1), 20 * MIB, null))
          .isInstanceOfSatisfying(
              PlatformException.class,
              e -> {
                assertThat(e.errorCode()).isEqualTo(PlatformErrors.INVALID_ARGUMENT);
                assertThat(e.getMessage()).contains("more arrived");
              });
      assertThat(connector().head(key("long"))).isEmpty();
    }

    @Test
    void shouldPassOnTheSourcesOwnErrorAndKeepThePreviousObject() {
      connector().put(key("kept"), new ByteArrayInputStream(new byte[] {1, 2, 3}), 3, null);
      PlatformException tooLarge = PlatformException.invalidArgument("Too large");
      InputStream failing =
          new SequenceInputStream(
              GeneratedContent.stream(11, 18 * MIB),
              new InputStream() {
                @Override
                public int read() {
                  throw tooLarge;
                }
              });

      assertThatThrownBy(() -> connector().put(key("kept"), failing, 30 * MIB, "video/mp4"))
          .isSameAs(tooLarge);
      assertThat(connector().head(key("kept"))).get().extracting(ObjectInfo::size).isEqualTo(3L);
    }

    @Test
    void shouldReportAFailingSourceAsUnavailableAndStoreNothing() {
      InputStream failing =
          new SequenceInputStream(
              GeneratedContent.stream(12, 17 * MIB),
              new InputStream() {
                @Override
                public int read() throws IOException {
                  throw new IOException("client gone");
                }
              });

      assertThatThrownBy(() -> connector().put(key("failing"), failing, 30 * MIB, null))
          .isInstanceOfSatisfying(
              PlatformException.class,
              e -> assertThat(e.errorCode()).isEqualTo(PlatformErrors.UNAVAILABLE));
      assertThat(connector().head(key("failing"))).isEmpty();
    }

    private static String md5(InputStream in) throws IOException {
      try (InputStream content = in) {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = content.read(buffer)) > 0; ) {
          md5.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(md5.digest());
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
