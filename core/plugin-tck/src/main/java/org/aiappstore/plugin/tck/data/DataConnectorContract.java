package org.aiappstore.plugin.tck.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.aiappstore.plugin.api.ConnectionCheck;
import org.aiappstore.plugin.api.ConnectorContext;
import org.aiappstore.plugin.api.config.ConnectorConfig;
import org.aiappstore.plugin.api.data.ByteRange;
import org.aiappstore.plugin.api.data.DataCapability;
import org.aiappstore.plugin.api.data.DataConnector;
import org.aiappstore.plugin.api.data.DataConnectorFactory;
import org.aiappstore.plugin.api.data.ObjectInfo;
import org.aiappstore.plugin.api.data.StoredObject;
import org.aiappstore.plugin.api.error.ErrorCode;
import org.aiappstore.plugin.api.error.PlatformErrors;
import org.aiappstore.plugin.api.error.PlatformException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract every {@link DataConnector} must honour. A plugin's test extends this class and
 * supplies its {@link #factory()} and a working {@link #config()}; the contract creates a connector
 * per test, closes it afterwards and writes only under a random key prefix per test, so tests
 * neither interfere nor depend on order.
 *
 * <p>Capabilities are verified both ways: tests of a capability the factory does not declare are
 * reported as skipped (JUnit assumptions), and calls needing an undeclared capability must fail
 * with {@link PlatformErrors#NOT_SUPPORTED}.
 *
 * <pre>{@code
 * class FilesystemDataConnectorContractTest extends DataConnectorContract {
 *   @TempDir Path base;
 *
 *   protected DataConnectorFactory factory() { return new FilesystemDataConnectorFactory(); }
 *
 *   protected Map<String, String> config() { return Map.of("baseDirectory", base.toString()); }
 * }
 * }</pre>
 */
public abstract class DataConnectorContract {

  /** Default size of the large-object tests: 128 MiB, more than 100 MB. */
  public static final long DEFAULT_LARGE_OBJECT_SIZE = 128L * 1024 * 1024;

  private static final long UNKNOWN_LENGTH_OBJECT_SIZE = 11L * 1024 * 1024 + 7;
  private static final int CONCURRENT_WRITERS = 8;
  private static final int CONCURRENT_OBJECT_SIZE = 256 * 1024;

  private DataConnectorFactory factory;
  private Set<DataCapability> capabilities;
  private DataConnector connector;
  private String prefix;

  /** For subclasses. */
  protected DataConnectorContract() {}

  /**
   * The factory under test, as PF4J would create it.
   *
   * @return a factory
   */
  protected abstract DataConnectorFactory factory();

  /**
   * Raw configuration values that work, e.g. pointing at a {@code @TempDir} or a server the test
   * started. Called once per test.
   *
   * @return values valid against the factory's schema
   */
  protected abstract Map<String, String> config();

  /**
   * The host services passed to {@link DataConnectorFactory#create}.
   *
   * @return by default {@link ConnectorContext#defaults()}
   */
  protected ConnectorContext context() {
    return ConnectorContext.defaults();
  }

  /**
   * The size of the object streamed in and out by the large-object test; keep the default (more
   * than 100 MB) for real connectors, lower it only for fakes.
   *
   * @return the size in bytes, by default {@value #DEFAULT_LARGE_OBJECT_SIZE}
   */
  protected long largeObjectSize() {
    return DEFAULT_LARGE_OBJECT_SIZE;
  }

  /**
   * The connector of the current test.
   *
   * @return the open connector
   */
  protected final DataConnector connector() {
    return connector;
  }

  /**
   * A key under the current test's random prefix.
   *
   * @param name a relative key, e.g. {@code a/b.txt}
   * @return the key to use
   */
  protected final String key(String name) {
    return prefix + name;
  }

  /**
   * The capabilities the factory declares.
   *
   * @return the declared capabilities
   */
  protected final Set<DataCapability> capabilities() {
    return capabilities;
  }

  @BeforeEach
  final void openConnector() {
    factory = factory();
    assertThat(factory).as("factory()").isNotNull();
    capabilities = Set.copyOf(factory.capabilities());
    connector = factory.create(ConnectorConfig.of(factory.configSchema(), config()), context());
    assertThat(connector).as("created connector").isNotNull();
    prefix = "tck-" + UUID.randomUUID() + "/";
  }

  @AfterEach
  final void closeConnector() {
    if (connector != null) {
      connector.close();
    }
  }

  /** Describing the connector and checking the connection. */
  @Nested
  public class WhenDescribingAndChecking {

    @Test
    void shouldDescribeItselfAndAcceptTheTestConfiguration() {
      assertSoftly(
          s -> {
            s.assertThat(factory.descriptor()).isNotNull();
            s.assertThat(factory.capabilities()).isNotNull();
            s.assertThat(factory.configSchema().validate(config())).isEmpty();
          });
    }

    @Test
    void shouldReportAWorkingConnection() {
      ConnectionCheck check = connector.checkConnection();

      assertThat(check.ok()).as("ok of %s", check).isTrue();
      assertThat(check.durationMs()).isNotNegative();
    }
  }

  /** Storing and reading whole objects. */
  @Nested
  public class WhenStoringAndReading {

    @Test
    void shouldRoundTripASmallObject() {
      byte[] data = "{\"layers\":12}".getBytes(StandardCharsets.UTF_8);

      ObjectInfo stored =
          connector.put(
              key("config.json"), new ByteArrayInputStream(data), data.length, "application/json");

      assertSoftly(
          s -> {
            s.assertThat(stored.key()).isEqualTo(key("config.json"));
            s.assertThat(stored.size()).isEqualTo(data.length);
            s.assertThat(stored.contentType()).isEqualTo("application/json");
          });
      try (StoredObject object = connector.get(key("config.json"), ByteRange.all())) {
        assertSoftly(
            s -> {
              s.assertThat(object.info().size()).isEqualTo(data.length);
              s.assertThat(object.info().contentType()).isEqualTo("application/json");
              s.assertThat(object.range()).isEqualTo(ByteRange.all());
              s.assertThat(readAll(object.stream())).isEqualTo(data);
            });
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Test
    void shouldRoundTripAnEmptyObject() {
      ObjectInfo stored =
          connector.put(key("empty"), InputStream.nullInputStream(), 0, "text/plain");

      assertThat(stored.size()).isZero();
      assertThat(read(key("empty"), ByteRange.all())).isEmpty();
      assertThat(connector.head(key("empty"))).get().extracting(ObjectInfo::size).isEqualTo(0L);
    }

    @Test
    void shouldDefaultTheContentType() {
      put("untyped", "bytes", null);

      assertThat(connector.head(key("untyped")))
          .map(ObjectInfo::contentType)
          .contains(ObjectInfo.DEFAULT_CONTENT_TYPE);
    }

    @Test
    void shouldStreamALargeObjectInAndOut() {
      long size = largeObjectSize();
      long seed = 20240917L;
      String key = key("large.bin");
      try {
        ObjectInfo stored =
            connector.put(
                key, GeneratedContent.stream(seed, size), size, "application/octet-stream");
        assertThat(stored.size()).isEqualTo(size);

        GeneratedContent.Digest read;
        try (StoredObject object = connector.get(key, ByteRange.all())) {
          assertThat(object.info().size()).isEqualTo(size);
          read = GeneratedContent.sha256(object.stream());
        }
        assertThat(read.size()).isEqualTo(size);
        assertThat(read.digest()).isEqualTo(GeneratedContent.sha256(seed, size));

        if (capabilities.contains(DataCapability.RANGES)) {
          long start = size / 2 - 3;
          int length = (int) Math.min(1024 * 1024, size - start);
          assertThat(read(key, ByteRange.of(start, start + length - 1)))
              .isEqualTo(GeneratedContent.bytes(seed, start, length));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        deleteQuietly(key);
      }
    }

    @Test
    void shouldStoreAnObjectOfUnknownLength() {
      long size = Math.min(largeObjectSize(), UNKNOWN_LENGTH_OBJECT_SIZE);
      long seed = 77L;

      ObjectInfo stored =
          connector.put(key("unknown.bin"), GeneratedContent.stream(seed, size), -1, null);

      assertThat(stored.size()).isEqualTo(size);
      try (StoredObject object = connector.get(key("unknown.bin"), ByteRange.all())) {
        assertThat(GeneratedContent.sha256(object.stream()))
            .isEqualTo(new GeneratedContent.Digest(GeneratedContent.sha256(seed, size), size));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Test
    void shouldReplaceAnExistingObject() {
      put("replaced.txt", "first version", "text/plain");

      ObjectInfo second = put("replaced.txt", "second", "text/csv");

      assertThat(second.size()).isEqualTo(6);
      assertThat(readString(key("replaced.txt"))).isEqualTo("second");
      assertThat(connector.head(key("replaced.txt")))
          .get()
          .satisfies(
              info -> {
                assertThat(info.size()).isEqualTo(6);
                assertThat(info.contentType()).isEqualTo("text/csv");
              });
    }
  }

  /** Reading metadata. */
  @Nested
  public class WhenHeading {

    @Test
    void shouldDescribeAnExistingObject() {
      put("described.txt", "hello", "text/plain");

      assertThat(connector.head(key("described.txt")))
          .get()
          .satisfies(
              info ->
                  assertSoftly(
                      s -> {
                        s.assertThat(info.key()).isEqualTo(key("described.txt"));
                        s.assertThat(info.size()).isEqualTo(5);
                        s.assertThat(info.contentType()).isEqualTo("text/plain");
                        s.assertThat(info.lastModified()).isNotNull();
                      }));
    }

    @Test
    void shouldReturnEmptyForAMissingObject() {
      assertThat(connector.head(key("missing"))).isEmpty();
    }
  }

  /** Reading, heading and deleting keys that hold no object. */
  @Nested
  public class WhenAnObjectIsMissing {

    @Test
    void shouldThrowNotFoundOnGet() {
      assertPlatformError(
          () -> connector.get(key("missing"), ByteRange.all()), PlatformErrors.NOT_FOUND);
    }

    @Test
    void shouldThrowNotFoundOnARangedGet() {
      assumeTrue(capabilities.contains(DataCapability.RANGES), "RANGES not declared");

      assertPlatformError(
          () -> connector.get(key("missing"), ByteRange.of(0, 1)), PlatformErrors.NOT_FOUND);
    }
  }

  /** Reading parts of an object; needs {@link DataCapability#RANGES}. */
  @Nested
  public class WhenReadingRanges {

    private static final String DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";

    @BeforeEach
    void storeDigits() {
      put("digits.txt", DIGITS, "text/plain");
    }

    @Test
    void shouldReadTheFirstBytes() {
      assumeRanges();

      assertThat(readString(key("digits.txt"), ByteRange.of(0, 3))).isEqualTo("0123");
    }

    @Test
    void shouldReadAMiddleRange() {
      assumeRanges();

      assertThat(readString(key("digits.txt"), ByteRange.of(10, 15))).isEqualTo("abcdef");
    }

    @Test
    void shouldReadAnOpenEndedRange() {
      assumeRanges();

      assertThat(readString(key("digits.txt"), ByteRange.from(30))).isEqualTo("uvwxyz");
    }

    @Test
    void shouldReadASingleByte() {
      assumeRanges();

      assertThat(readString(key("digits.txt"), ByteRange.of(35, 35))).isEqualTo("z");
    }

    @Test
    void shouldClampAnEndBeyondTheObject() {
      assumeRanges();

      assertThat(readString(key("digits.txt"), ByteRange.of(33, 10_000))).isEqualTo("xyz");
    }

    @Test
    void shouldReportTheRangeAndTheFullSize() throws IOException {
      assumeRanges();

      try (StoredObject object = connector.get(key("digits.txt"), ByteRange.of(1, 2))) {
        assertSoftly(
            s -> {
              s.assertThat(object.range()).isEqualTo(ByteRange.of(1, 2));
              s.assertThat(object.info().size()).isEqualTo(DIGITS.length());
              s.assertThat(object.info().contentType()).isEqualTo("text/plain");
              s.assertThat(new String(readAll(object.stream()), StandardCharsets.US_ASCII))
                  .isEqualTo("12");
            });
      }
    }

    @ParameterizedTest
    @ValueSource(longs = {36, 37, 1_000_000})
    void shouldRejectAStartBeyondTheEnd(long start) {
      assumeRanges();

      assertPlatformError(
          () -> connector.get(key("digits.txt"), ByteRange.from(start)).close(),
          PlatformErrors.INVALID_ARGUMENT);
      assertPlatformError(
          () -> connector.get(key("digits.txt"), ByteRange.of(start, start + 5)).close(),
          PlatformErrors.INVALID_ARGUMENT);
    }

    @Test
    void shouldRejectAPartialRangeWhenRangesAreNotDeclared() {
      assumeFalse(capabilities.contains(DataCapability.RANGES), "RANGES declared");

      assertPlatformError(
          () -> connector.get(key("digits.txt"), ByteRange.of(0, 3)).close(),
          PlatformErrors.NOT_SUPPORTED);
      assertThat(readString(key("digits.txt"))).isEqualTo(DIGITS);
    }

    private void assumeRanges() {
      assumeTrue(capabilities.contains(DataCapability.RANGES), "RANGES not declared");
    }
  }

  /** Listing by prefix; needs {@link DataCapability#LIST}. */
  @Nested
  public class WhenListing {

    @BeforeEach
    void storeObjects() {
      for (String name :
          List.of("models/b/2", "models/a/1", "models/a/0", "models/c", "modelsx", "data/set")) {
        put(name, name, "text/plain");
      }
    }

    @Test
    void shouldListByPrefixSortedByKey() {
      assumeList();

      assertThat(connector.list(key("models/"), 100))
          .extracting(ObjectInfo::key)
          .containsExactly(
              key("models/a/0"), key("models/a/1"), key("models/b/2"), key("models/c"));
    }

    @Test
    void shouldMatchAPartialSegment() {
      assumeList();

      assertThat(connector.list(key("models"), 100))
          .extracting(ObjectInfo::key)
          .containsExactly(
              key("models/a/0"),
              key("models/a/1"),
              key("models/b/2"),
              key("models/c"),
              key("modelsx"));
    }

    @Test
    void shouldHonourTheLimit() {
      assumeList();

      assertThat(connector.list(prefix, 3))
          .extracting(ObjectInfo::key)
          .containsExactly(key("data/set"), key("models/a/0"), key("models/a/1"));
      assertThat(connector.list(key("models/"), 1))
          .extracting(ObjectInfo::key)
          .containsExactly(key("models/a/0"));
    }

    @Test
    void shouldExcludeOtherPrefixes() {
      assumeList();

      assertThat(connector.list(key("data/"), 100))
          .singleElement()
          .satisfies(
              info -> {
                assertThat(info.key()).isEqualTo(key("data/set"));
                assertThat(info.size()).isEqualTo("data/set".length());
              });
      assertThat(connector.list(key("unknown/"), 100)).isEmpty();
    }

    @Test
    void shouldRejectALimitBelowOne() {
      assumeList();

      assertPlatformError(() -> connector.list(prefix, 0), PlatformErrors.INVALID_ARGUMENT);
    }

    @Test
    void shouldRejectListingWhenNotDeclared() {
      assumeFalse(capabilities.contains(DataCapability.LIST), "LIST declared");

      assertPlatformError(() -> connector.list(prefix, 10), PlatformErrors.NOT_SUPPORTED);
    }

    private void assumeList() {
      assumeTrue(capabilities.contains(DataCapability.LIST), "LIST not declared");
    }
  }

  /** Deleting objects. */
  @Nested
  public class WhenDeleting {

    @Test
    void shouldDeleteAnObjectOnce() {
      put("doomed.txt", "bye", "text/plain");

      assertThat(connector.delete(key("doomed.txt"))).isTrue();
      assertThat(connector.delete(key("doomed.txt"))).isFalse();
      assertThat(connector.head(key("doomed.txt"))).isEmpty();
      assertPlatformError(
          () -> connector.get(key("doomed.txt"), ByteRange.all()), PlatformErrors.NOT_FOUND);
    }

    @Test
    void shouldReturnFalseForAMissingObject() {
      assertThat(connector.delete(key("never-stored"))).isFalse();
    }

    @Test
    void shouldKeepOtherObjects() {
      put("keep/a", "a", null);
      put("keep/b", "b", null);

      connector.delete(key("keep/a"));

      assertThat(readString(key("keep/b"))).isEqualTo("b");
    }
  }

  /** Keys that need escaping on the wire or on disk. */
  @Nested
  public class WhenKeysNeedEscaping {

    @ParameterizedTest
    @ValueSource(
        strings = {
          "with space.txt",
          "ünïcödé/日本語/файл.txt",
          "emoji-\uD83D\uDE00.bin",
          "plus+sign",
          "percent%20not-a-space",
          "equals=and&ampersand",
          "question?hash#semi;colon",
          "a/b/c",
          "trailing.dot.",
          "~tilde'quote\"double"
        })
    void shouldRoundTripTheKey(String name) {
      String key = key(name);

      ObjectInfo stored = put(name, "content of " + name, "text/plain");

      assertThat(stored.key()).isEqualTo(key);
      assertThat(readString(key)).isEqualTo("content of " + name);
      assertThat(connector.head(key)).map(ObjectInfo::key).contains(key);
      if (capabilities.contains(DataCapability.LIST)) {
        assertThat(connector.list(prefix, 10)).extracting(ObjectInfo::key).containsExactly(key);
      }
      assertThat(connector.delete(key)).isTrue();
      assertThat(connector.head(key)).isEmpty();
    }
  }

  /** Keys that could escape the store or be ambiguous are rejected everywhere. */
  @Nested
  public class WhenKeysAreHostile {

    @ParameterizedTest
    @ValueSource(
        strings = {"../x", "/abs", "a//b", "a\\b", "a/../../b", "./x", "a/./b", "trailing/", ""})
    void shouldRejectTheKey(String key) {
      assertSoftly(
          s -> {
            s.assertThatThrownBy(() -> connector.put(key, stream("pwned"), 5, null))
                .satisfies(e -> assertCode(e, PlatformErrors.INVALID_ARGUMENT));
            s.assertThatThrownBy(() -> connector.get(key, ByteRange.all()))
                .satisfies(e -> assertCode(e, PlatformErrors.INVALID_ARGUMENT));
            s.assertThatThrownBy(() -> connector.head(key))
                .satisfies(e -> assertCode(e, PlatformErrors.INVALID_ARGUMENT));
            s.assertThatThrownBy(() -> connector.delete(key))
                .satisfies(e -> assertCode(e, PlatformErrors.INVALID_ARGUMENT));
          });
    }
  }

  /** Writers racing on one key. */
  @Nested
  public class WhenWritingConcurrently {

    @Test
    void shouldKeepExactlyOneWritersContent() throws Exception {
      String key = key("contended.bin");
      List<String> digests = new ArrayList<>();
      for (int i = 0; i < CONCURRENT_WRITERS; i++) {
        digests.add(GeneratedContent.sha256(1000L + i, CONCURRENT_OBJECT_SIZE));
      }
      assertThat(digests).doesNotHaveDuplicates();
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT_WRITERS);
      try {
        List<Future<ObjectInfo>> writes = new ArrayList<>();
        for (int i = 0; i < CONCURRENT_WRITERS; i++) {
          long seed = 1000L + i;
          writes.add(
              pool.submit(
                  () -> {
                    start.await();
                    return connector.put(
                        key,
                        GeneratedContent.stream(seed, CONCURRENT_OBJECT_SIZE),
                        CONCURRENT_OBJECT_SIZE,
                        "application/octet-stream");
                  }));
        }
        start.countDown();
        for (Future<ObjectInfo> write : writes) {
          assertThat(write.get(2, TimeUnit.MINUTES).size()).isEqualTo(CONCURRENT_OBJECT_SIZE);
        }
      } finally {
        pool.shutdownNow();
      }

      try (StoredObject object = connector.get(key, ByteRange.all())) {
        GeneratedContent.Digest digest = GeneratedContent.sha256(object.stream());
        assertThat(digest.size()).isEqualTo(CONCURRENT_OBJECT_SIZE);
        assertThat(digests).as("one writer's complete content").contains(digest.digest());
      }
      assertThat(connector.head(key)).map(ObjectInfo::size).contains((long) CONCURRENT_OBJECT_SIZE);
    }
  }

  /** Presigned download URLs; needs {@link DataCapability#PRESIGNED_URLS}. */
  @Nested
  public class WhenPresigning {

    @Test
    void shouldDownloadThroughAPresignedUrl() throws Exception {
      assumeTrue(
          capabilities.contains(DataCapability.PRESIGNED_URLS), "PRESIGNED_URLS not declared");
      byte[] data = GeneratedContent.bytes(5L, 0, 70_000);
      String key = key("presigned/with space ü+.bin");
      connector.put(key, new ByteArrayInputStream(data), data.length, "application/octet-stream");

      URI url = connector.presignedGet(key, Duration.ofMinutes(5));

      HttpResponse<byte[]> response =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(10))
              .build()
              .send(
                  HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).GET().build(),
                  HttpResponse.BodyHandlers.ofByteArray());
      assertThat(response.statusCode()).as("GET %s", url).isEqualTo(200);
      assertThat(response.body()).isEqualTo(data);
    }

    @Test
    void shouldRejectPresigningWhenNotDeclared() {
      assumeFalse(capabilities.contains(DataCapability.PRESIGNED_URLS), "PRESIGNED_URLS declared");
      put("not-presigned", "x", null);

      assertPlatformError(
          () -> connector.presignedGet(key("not-presigned"), Duration.ofMinutes(5)),
          PlatformErrors.NOT_SUPPORTED);
    }
  }

  /**
   * Stores a string under {@link #key(String) key(name)}.
   *
   * @param name the relative key
   * @param content the content, UTF-8
   * @param contentType the media type, or {@code null}
   * @return what {@link DataConnector#put} returned
   */
  protected final ObjectInfo put(String name, String content, String contentType) {
    byte[] data = content.getBytes(StandardCharsets.UTF_8);
    return connector.put(key(name), new ByteArrayInputStream(data), data.length, contentType);
  }

  /**
   * Reads a range of an object into memory; for small objects.
   *
   * @param key the full key
   * @param range the range
   * @return the bytes
   */
  protected final byte[] read(String key, ByteRange range) {
    try (StoredObject object = connector.get(key, range)) {
      return readAll(object.stream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Asserts that a call fails with a platform error of a code.
   *
   * @param call the call
   * @param code the expected code
   */
  protected static void assertPlatformError(ThrowingCallable call, ErrorCode code) {
    assertThatThrownBy(call).satisfies(e -> assertCode(e, code));
  }

  private static void assertCode(Throwable e, ErrorCode code) {
    assertThat(e).isInstanceOf(PlatformException.class);
    assertThat(((PlatformException) e).errorCode()).as("code of %s", e).isEqualTo(code);
  }

  private String readString(String key) {
    return readString(key, ByteRange.all());
  }

  private String readString(String key, ByteRange range) {
    return new String(read(key, range), StandardCharsets.UTF_8);
  }

  private static byte[] readAll(InputStream in) {
    try {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream stream(String content) {
    return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
  }

  private void deleteQuietly(String key) {
    try {
      connector.delete(key);
    } catch (RuntimeException e) {
      // Cleanup only: the assertion that failed first is the one to report.
    }
  }
}
