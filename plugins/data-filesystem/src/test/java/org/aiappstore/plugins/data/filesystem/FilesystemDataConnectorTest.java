package org.aiappstore.plugins.data.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.aiappstore.plugin.api.ConnectorContext;
import org.aiappstore.plugin.api.config.ConnectorConfig;
import org.aiappstore.plugin.api.data.ByteRange;
import org.aiappstore.plugin.api.data.DataConnector;
import org.aiappstore.plugin.api.data.ObjectInfo;
import org.aiappstore.plugin.api.data.StoredObject;
import org.aiappstore.plugin.api.error.ErrorCode;
import org.aiappstore.plugin.api.error.PlatformErrors;
import org.aiappstore.plugin.api.error.PlatformException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FilesystemDataConnectorTest {

  @TempDir Path temp;

  private Path base;
  private DataConnector connector;

  @BeforeEach
  void createConnector() {
    base = temp.resolve("store");
    FilesystemDataConnectorFactory factory = new FilesystemDataConnectorFactory();
    connector =
        factory.create(
            ConnectorConfig.of(factory.configSchema(), Map.of("baseDirectory", base.toString())),
            ConnectorContext.defaults());
  }

  @AfterEach
  void closeConnector() {
    connector.close();
  }

  @Nested
  class WhenStoringAndReading {

    @Test
    void shouldRoundTripASmallObject() {
      ObjectInfo stored = put("models/bert/config.json", "{\"layers\":12}", "application/json");

      assertSoftly(
          s -> {
            s.assertThat(stored.key()).isEqualTo("models/bert/config.json");
            s.assertThat(stored.size()).isEqualTo(13);
            s.assertThat(stored.contentType()).isEqualTo("application/json");
            s.assertThat(stored.etag()).isNotBlank();
            s.assertThat(read("models/bert/config.json", ByteRange.all()))
                .isEqualTo("{\"layers\":12}".getBytes(StandardCharsets.UTF_8));
          });
      assertThat(base.resolve("objects/models/bert/config.json")).exists();
      assertThat(base.resolve("metadata/models/bert/config.json.properties")).exists();
    }

    @Test
    void shouldRoundTripAnEmptyObject() {
      connector.put("empty", InputStream.nullInputStream(), 0, null);

      assertThat(read("empty", ByteRange.all())).isEmpty();
      assertThat(connector.head("empty"))
          .get()
          .satisfies(
              info -> {
                assertThat(info.size()).isZero();
                assertThat(info.contentType()).isEqualTo(ObjectInfo.DEFAULT_CONTENT_TYPE);
              });
    }

    @Test
    void shouldRoundTripAFiveMegabyteObjectOfUnknownLength() {
      byte[] data = randomBytes(5 * 1024 * 1024, 42);

      ObjectInfo stored =
          connector.put(
              "weights.bin", new ByteArrayInputStream(data), -1, "application/octet-stream");

      assertThat(stored.size()).isEqualTo(data.length);
      assertThat(read("weights.bin", ByteRange.all())).isEqualTo(data);
    }

    @Test
    void shouldPreserveTheContentType() {
      put("readme.md", "# Hello", "text/markdown; charset=utf-8");

      assertThat(connector.head("readme.md"))
          .map(ObjectInfo::contentType)
          .contains("text/markdown; charset=utf-8");
      try (StoredObject object = connector.get("readme.md", ByteRange.all())) {
        assertThat(object.info().contentType()).isEqualTo("text/markdown; charset=utf-8");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Test
    void shouldReplaceAnExistingObject() {
      ObjectInfo first = put("a.txt", "first", "text/plain");
      ObjectInfo second = put("a.txt", "second version", "text/csv");

      assertThat(new String(read("a.txt", ByteRange.all()), StandardCharsets.UTF_8))
          .isEqualTo("second version");
      assertThat(connector.head("a.txt")).map(ObjectInfo::contentType).contains("text/csv");
      assertThat(second.etag()).isNotEqualTo(first.etag());
    }

    @Test
    void shouldReportTheSameMetadataFromPutAndHead() {
      ObjectInfo stored = put("x/y", "data", "text/plain");

      assertThat(connector.head("x/y")).contains(stored);
    }

    @Test
    void shouldRejectAShortUpload() {
      assertThatThrownBy(
              () ->
                  connector.put(
                      "short", new ByteArrayInputStream(new byte[3]), 10, "application/x"))
          .satisfies(e -> assertCode(e, PlatformErrors.INVALID_ARGUMENT))
          .hasMessageContaining("10 bytes");
      assertThat(connector.head("short")).isEmpty();
      assertThat(base.resolve("tmp")).isEmptyDirectory();
    }

    @Test
    void shouldStopReadingASourceLongerThanDeclared() {
      CountingInputStream source = new CountingInputStream(new byte[8 * 1024 * 1024]);

      assertThatThrownBy(() -> connector.put("overlong", source, 10, null))
          .satisfies(e -> assertCode(e, PlatformErrors.INVALID_ARGUMENT))
          .hasMessageContaining("declared as 10 bytes but more arrived");
      assertThat(source.count).isEqualTo(11);
      assertThat(connector.head("overlong")).isEmpty();
      assertThat(base.resolve("tmp")).isEmptyDirectory();
    }

    @Test
    void shouldRejectANameTooLongForTheFilesystemAndStoreNothing() throws IOException {
      // 250 bytes: a valid file name, but its metadata file (".properties" added) is not.
      String key = "long/" + "n".repeat(250);

      assertThatThrownBy(() -> put(key, "content", "text/plain"))
          .satisfies(e -> assertCode(e, PlatformErrors.INVALID_ARGUMENT))
          .hasMessageContaining("244 bytes");
      assertThat(connector.head(key)).isEmpty();
      assertThat(filesUnder(base.resolve("objects"))).isEmpty();
    }

    @Test
    void shouldRejectADirectorySegmentLongerThanTheFilesystemAllows() {
      String key = "ü".repeat(128) + "/x";

      assertThatThrownBy(() -> put(key, "content", null))
          .satisfies(e -> assertCode(e, PlatformErrors.INVALID_ARGUMENT))
          .hasMessageContaining("255 bytes");
    }

    @Test
    void shouldStoreTheLongestNamesTheFilesystemAllows() {
      String key = "d".repeat(255) + "/" + "f".repeat(244);

      put(key, "content", "text/plain");

      assertThat(connector.head(key)).map(ObjectInfo::contentType).contains("text/plain");
    }

    @Test
    void shouldStoreNothingForAKeyWhoseMetadataCollidesWithAnotherObjectsMetadata() {
      put("a", "file", null);

      assertThatThrownBy(() -> put("a.properties/b", "nested", null))
          .satisfies(e -> assertCode(e, PlatformErrors.CONFLICT));
      assertThat(connector.head("a.properties/b")).isEmpty();
      assertThat(base.resolve("objects/a.properties")).doesNotExist();
      assertThat(base.resolve("tmp")).isEmptyDirectory();
    }

    @Test
    void shouldKeepAnObjectWhoseMetadataPathIsAnotherObjectsDirectory() {
      put("a.properties/b", "nested", null);

      assertThatThrownBy(() -> put("a", "file", null))
          .satisfies(e -> assertCode(e, PlatformErrors.CONFLICT));
      assertThat(connector.head("a")).isEmpty();
      assertThat(new String(read("a.properties/b", ByteRange.all()), StandardCharsets.UTF_8))
          .isEqualTo("nested");
    }

    @Test
    void shouldReportAKeyConflictingWithAnObjectAsAConflict() {
      put("a", "file", null);

      assertThatThrownBy(() -> put("a/b", "nested", null))
          .satisfies(e -> assertCode(e, PlatformErrors.CONFLICT));
      assertThat(new String(read("a", ByteRange.all()), StandardCharsets.UTF_8)).isEqualTo("file");
      assertThat(connector.head("a/b")).isEmpty();
    }
  }

  @Nested
  class WhenReadingRanges {

    private final byte[] data = "0123456789".getBytes(StandardCharsets.US_ASCII);

    @BeforeEach
    void store() {
      connector.put("digits", new ByteArrayInputStream(data), data.length, "text/plain");
    }

    @Test
    void shouldReadAClosedRange() {
      assertThat(read("digits", ByteRange.of(2, 5))).isEqualTo("2345".getBytes());
    }

    @Test
    void shouldReadAnOpenEndedRange() {
      assertThat(read("digits", ByteRange.from(7))).isEqualTo("789".getBytes());
    }

    @Test
    void shouldClampAnEndPastTheObject() {
      assertThat(read("digits", ByteRange.of(8, 1000))).isEqualTo("89".getBytes());
    }

    @Test
    void shouldReportTheRangeAndTheFullSize() throws IOException {
      try (StoredObject object = connector.get("digits", ByteRange.of(1, 1))) {
        assertThat(object.range()).isEqualTo(ByteRange.of(1, 1));
        assertThat(object.info().size()).isEqualTo(10);
        assertThat(object.stream().readAllBytes()).isEqualTo("1".getBytes());
      }
    }

    @Test
    void shouldRejectARangeBeyondTheEnd() {
      assertThatThrownBy(() -> connector.get("digits", ByteRange.from(10)))
          .satisfies(e -> assertCode(e, PlatformErrors.INVALID_ARGUMENT))
          .hasMessageContaining("beyond the end");
    }

    @Test
    void shouldSkipWithinTheRange() throws IOException {
      try (StoredObject object = connector.get("digits", ByteRange.of(2, 6))) {
        InputStream in = object.stream();
        assertThat(in.skip(2)).isEqualTo(2);
        assertThat(in.readAllBytes()).isEqualTo("456".getBytes());
      }
    }
  }

  @Nested
  class WhenAnObjectIsMissing {

    @Test
    void shouldThrowNotFoundOnGet() {
      assertThatThrownBy(() -> connector.get("nope", ByteRange.all()))
          .satisfies(e -> assertCode(e, PlatformErrors.NOT_FOUND))
          .hasMessageContaining("nope");
    }

    @Test
    void shouldTreatAPrefixDirectoryAsMissing() {
      put("dir/file", "x", null);

      assertThatThrownBy(() -> connector.get("dir", ByteRange.all()))
          .satisfies(e -> assertCode(e, PlatformErrors.NOT_FOUND));
      assertThatThrownBy(() -> connector.get("dir/file/below", ByteRange.all()))
          .satisfies(e -> assertCode(e, PlatformErrors.NOT_FOUND));
      assertThat(connector.head("dir")).isEmpty();
      assertThat(connector.delete("dir")).isFalse();
    }

    @Test
    void shouldReturnEmptyOnHeadAndFalseOnDelete() {
      assertThat(connector.head("nope")).isEmpty();
      assertThat(connector.delete("nope")).isFalse();
    }
  }

  @Nested
  class WhenListing {

    @BeforeEach
    void store() {
      for (String key :
          List.of("models/b/2", "models/a/1", "models/a/0", "modelsx", "data/set", "models/c")) {
        put(key, key, "text/plain");
      }
    }

    @Test
    void shouldSortKeysInS3sUtf8ByteOrder() {
      // U+FF01 is EF BC 81 in UTF-8, U+1F600 F0 9F 98 80: S3 lists the fullwidth '!' first, while
      // UTF-16 (String.compareTo) puts the emoji's surrogates (D83D) before FF01.
      put("order/\uFF01", "bang", null);
      put("order/\uD83D\uDE00", "smile", null);
      put("order/z", "z", null);

      assertThat(connector.list("order/", 10))
          .extracting(ObjectInfo::key)
          .containsExactly("order/z", "order/\uFF01", "order/\uD83D\uDE00");
      assertThat(connector.list("order/", 2))
          .extracting(ObjectInfo::key)
          .containsExactly("order/z", "order/\uFF01");
    }

    @Test
    void shouldListByPrefixSortedByKey() {
      assertThat(connector.list("models/", 100))
          .extracting(ObjectInfo::key)
          .containsExactly("models/a/0", "models/a/1", "models/b/2", "models/c");
    }

    @Test
    void shouldMatchPartialSegments() {
      assertThat(connector.list("models", 100))
          .extracting(ObjectInfo::key)
          .containsExactly("models/a/0", "models/a/1", "models/b/2", "models/c", "modelsx");
      assertThat(connector.list("models/a/", 100)).hasSize(2);
      assertThat(connector.list("models/b", 100))
          .extracting(ObjectInfo::key)
          .containsExactly("models/b/2");
    }

    @Test
    void shouldApplyTheLimitAfterSorting() {
      assertThat(connector.list("", 3))
          .extracting(ObjectInfo::key)
          .containsExactly("data/set", "models/a/0", "models/a/1");
    }

    @Test
    void shouldReturnNothingForAnUnknownPrefix() {
      assertThat(connector.list("unknown/", 10)).isEmpty();
      assertThat(connector.list("zzz", 10)).isEmpty();
    }

    @Test
    void shouldRejectAHostilePrefixAndABadLimit() {
      assertThatThrownBy(() -> connector.list("../", 10))
          .satisfies(e -> assertCode(e, PlatformErrors.INVALID_ARGUMENT));
      assertThatThrownBy(() -> connector.list("", 0))
          .satisfies(e -> assertCode(e, PlatformErrors.INVALID_ARGUMENT));
    }

    @Test
    void shouldIncludeMetadata() {
      assertThat(connector.list("data/", 10))
          .singleElement()
          .satisfies(
              info -> {
                assertThat(info.contentType()).isEqualTo("text/plain");
                assertThat(info.size()).isEqualTo("data/set".length());
              });
    }
  }

  @Nested
  class WhenDeleting {

    @Test
    void shouldDeleteObjectAndMetadataAndPruneEmptyDirectories() {
      put("deep/nested/key", "x", "text/plain");
      put("deep/other", "y", "text/plain");

      assertThat(connector.delete("deep/nested/key")).isTrue();

      assertSoftly(
          s -> {
            s.assertThat(connector.head("deep/nested/key")).isEmpty();
            s.assertThat(base.resolve("objects/deep/nested")).doesNotExist();
            s.assertThat(base.resolve("metadata/deep/nested")).doesNotExist();
            s.assertThat(base.resolve("objects/deep/other")).exists();
            s.assertThat(connector.delete("deep/nested/key")).isFalse();
          });
      assertThat(connector.delete("deep/other")).isTrue();
      assertThat(base.resolve("objects")).isEmptyDirectory();
      assertThat(base.resolve("metadata")).isEmptyDirectory();
    }
  }

  @Nested
  class WhenKeysAreHostile {

    @ParameterizedTest
    @ValueSource(
        strings = {"../x", "/etc/passwd", "a/../../b", "a\\b", "nul\u0000byte", "a/./b", "a//b"})
    void shouldRejectTheKeyAndWriteNothing(String key) throws IOException {
      Path outside = temp.resolve("outside-marker");

      assertThatThrownBy(() -> put(key, "pwned", null))
          .satisfies(e -> assertCode(e, PlatformErrors.INVALID_ARGUMENT));
      assertThatThrownBy(() -> connector.get(key, ByteRange.all()))
          .satisfies(e -> assertCode(e, PlatformErrors.INVALID_ARGUMENT));
      assertThatThrownBy(() -> connector.delete(key))
          .satisfies(e -> assertCode(e, PlatformErrors.INVALID_ARGUMENT));

      assertThat(outside).doesNotExist();
      assertThat(filesUnder(temp)).allMatch(p -> p.startsWith(base));
      assertThat(filesUnder(base.resolve("objects"))).isEmpty();
    }

    @Test
    void shouldRejectAnEscapeThroughASymlink() throws IOException {
      Path outside = Files.createDirectories(temp.resolve("outside"));
      Files.writeString(outside.resolve("secret"), "top secret");
      connector.checkConnection();
      Files.createSymbolicLink(base.resolve("objects/link"), outside);

      assertThatThrownBy(() -> put("link/planted", "pwned", null))
          .satisfies(e -> assertCode(e, PlatformErrors.INVALID_ARGUMENT));
      assertThatThrownBy(() -> connector.get("link/secret", ByteRange.all()))
          .satisfies(e -> assertCode(e, PlatformErrors.INVALID_ARGUMENT));
      assertThatThrownBy(() -> connector.delete("link/secret"))
          .satisfies(e -> assertCode(e, PlatformErrors.INVALID_ARGUMENT));

      assertThat(outside.resolve("planted")).doesNotExist();
      assertThat(outside.resolve("secret")).hasContent("top secret");
      assertThat(connector.list("", 10)).isEmpty();
    }

    @Test
    void shouldRejectAnEscapeThroughASymlinkedObject() throws IOException {
      Path secret = Files.writeString(temp.resolve("secret.txt"), "top secret");
      connector.checkConnection();
      Files.createSymbolicLink(base.resolve("objects/leak"), secret);

      assertThatThrownBy(() -> connector.get("leak", ByteRange.all()))
          .satisfies(e -> assertCode(e, PlatformErrors.INVALID_ARGUMENT));
      assertThat(connector.list("", 10)).isEmpty();
    }
  }

  @Nested
  class WhenAnUploadWasCutOff {

    @Test
    void shouldRemoveAStagedFileLeftByACrashButNotOneBeingWritten() throws IOException {
      Path tmp = Files.createDirectories(base.resolve("tmp"));
      Path leftover = Files.write(tmp.resolve("upload-crashed"), new byte[1024]);
      Files.setLastModifiedTime(leftover, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
      Path current = Files.write(tmp.resolve("upload-in-progress"), new byte[1024]);

      assertThat(connector.head("any")).isEmpty();

      assertThat(leftover).doesNotExist();
      assertThat(current).exists();
    }
  }

  @Nested
  class WhenWritersRace {

    @Test
    void shouldLeaveExactlyOneCompleteWritersBytes() throws Exception {
      int writers = 8;
      int size = 512 * 1024;
      ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
      CountDownLatch start = new CountDownLatch(1);
      try {
        List<Future<?>> results = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
          byte value = (byte) i;
          results.add(
              pool.submit(
                  () -> {
                    start.await();
                    for (int round = 0; round < 5; round++) {
                      byte[] data = new byte[size];
                      Arrays.fill(data, value);
                      connector.put(
                          "shared/key", new ByteArrayInputStream(data), size, "x/" + value);
                    }
                    return null;
                  }));
        }
        Future<List<byte[]>> reader =
            pool.submit(
                () -> {
                  start.await();
                  List<byte[]> seen = new ArrayList<>();
                  for (int i = 0; i < 20; i++) {
                    try (StoredObject object = connector.get("shared/key", ByteRange.all())) {
                      seen.add(object.stream().readAllBytes());
                    } catch (PlatformException e) {
                      assertCode(e, PlatformErrors.NOT_FOUND);
                    }
                  }
                  return seen;
                });
        start.countDown();
        for (Future<?> result : results) {
          result.get(60, TimeUnit.SECONDS);
        }

        for (byte[] seen : reader.get(60, TimeUnit.SECONDS)) {
          assertCompleteWrite(seen, size);
        }
        assertCompleteWrite(read("shared/key", ByteRange.all()), size);
        assertThat(base.resolve("tmp")).isEmptyDirectory();
      } finally {
        pool.shutdownNow();
      }
    }

    @Test
    void shouldKeepTheContentTypeOfTheWriterWhoseContentWon() throws Exception {
      int writers = 4;
      ExecutorService pool = Executors.newFixedThreadPool(writers);
      try {
        for (int trial = 0; trial < 200; trial++) {
          String key = "typed/" + trial;
          CountDownLatch start = new CountDownLatch(1);
          List<Future<?>> results = new ArrayList<>();
          for (int i = 0; i < writers; i++) {
            String writer = "w" + i;
            results.add(
                pool.submit(
                    () -> {
                      start.await();
                      return put(key, writer, "x/" + writer);
                    }));
          }
          start.countDown();
          for (Future<?> result : results) {
            result.get(60, TimeUnit.SECONDS);
          }

          String content = new String(read(key, ByteRange.all()), StandardCharsets.UTF_8);
          assertThat(connector.head(key))
              .as("content type of %s after trial %d", content, trial)
              .map(ObjectInfo::contentType)
              .contains("x/" + content);
        }
      } finally {
        pool.shutdownNow();
      }
    }

    private void assertCompleteWrite(byte[] bytes, int size) {
      assertThat(bytes).hasSize(size);
      byte first = bytes[0];
      for (byte b : bytes) {
        if (b != first) {
          throw new AssertionError("Torn object: bytes of several writers");
        }
      }
    }
  }

  /** Counts the bytes read from it. */
  private static final class CountingInputStream extends ByteArrayInputStream {
    private long count;

    CountingInputStream(byte[] content) {
      super(content);
    }

    @Override
    public synchronized int read() {
      int b = super.read();
      count += b < 0 ? 0 : 1;
      return b;
    }

    @Override
    public synchronized int read(byte[] buffer, int offset, int length) {
      int n = super.read(buffer, offset, length);
      count += Math.max(n, 0);
      return n;
    }
  }

  private ObjectInfo put(String key, String content, String contentType) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    return connector.put(key, new ByteArrayInputStream(bytes), bytes.length, contentType);
  }

  private byte[] read(String key, ByteRange range) {
    try (StoredObject object = connector.get(key, range)) {
      return object.stream().readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] randomBytes(int size, long seed) {
    byte[] data = new byte[size];
    new Random(seed).nextBytes(data);
    return data;
  }

  private static void assertCode(Throwable e, ErrorCode code) {
    assertThat(e).isInstanceOf(PlatformException.class);
    assertThat(((PlatformException) e).errorCode()).isEqualTo(code);
  }

  private static List<Path> filesUnder(Path root) throws IOException {
    if (!Files.exists(root)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }
}
