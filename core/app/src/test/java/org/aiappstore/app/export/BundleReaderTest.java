package org.aiappstore.app.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.aiappstore.app.problem.Problem;
import org.aiappstore.app.problem.ProblemException;
import org.bson.Document;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile and broken bundles are refused with a problem naming what is wrong. */
class BundleReaderTest {

  private static final BundleLimits LIMITS =
      new BundleLimits(1L << 30, 100, 10L * 1024 * 1024, 1L << 26);
  private static final String CARD = "cards/c1/card.json";
  private static final String MEDIA = "media/m1/content";

  @TempDir Path temp;

  /** Entries, a manifest listing them (which {@code edit} may change), written as a zip. */
  private Path bundle(Map<String, byte[]> entries, Consumer<Document> edit) throws IOException {
    List<Document> listed = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : entries.entrySet()) {
      listed.add(
          new Document("path", e.getKey())
              .append("size", (long) e.getValue().length)
              .append("sha256", Installation.sha256(e.getValue())));
    }
    Document manifest =
        new Document("formatVersion", 1)
            .append("cards", List.of(new Document("id", "c1").append("media", List.of())))
            .append("entries", listed);
    edit.accept(manifest);
    return bundle(entries, manifest.toJson());
  }

  /** Entries and {@code manifest} as it is, written as a zip. */
  private Path bundle(Map<String, byte[]> entries, String manifest) throws IOException {
    Path file = temp.resolve("b" + System.nanoTime() + ".zip");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
      zip.putNextEntry(new ZipEntry("manifest.json"));
      zip.write(manifest.getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return file;
  }

  private static Map<String, byte[]> valid() {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put(CARD, "{\"card\": {}}".getBytes(StandardCharsets.UTF_8));
    return entries;
  }

  private static ProblemException refusal(Path file) {
    return refusal(file, LIMITS);
  }

  private static ProblemException refusal(Path file, BundleLimits limits) {
    try (ZipFile zip = BundleReader.open(file)) {
      BundleReader.verify(zip, limits);
    } catch (ProblemException e) {
      return e;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    throw new AssertionError("the bundle was accepted");
  }

  private static List<String> pointers(ProblemException e) {
    return e.errors().stream().map(Problem.FieldError::pointer).toList();
  }

  @Test
  void shouldAcceptAWellFormedBundle() throws IOException {
    try (ZipFile zip = BundleReader.open(bundle(valid(), m -> {}))) {
      assertThat(BundleReader.verify(zip, LIMITS).getInteger("formatVersion")).isEqualTo(1);
    }
  }

  @Test
  void shouldRefuseAnEntryThatClimbsOutOfItsDirectory() throws IOException {
    Map<String, byte[]> entries = valid();
    entries.put("../../etc/cron.d/evil", new byte[] {1});

    ProblemException e = refusal(bundle(entries, m -> {}));

    assertThat(e.status()).isEqualTo(422);
    assertThat(pointers(e)).contains("/entries/..~1..~1etc~1cron.d~1evil");
    assertThat(e.errors().get(0).detail()).isEqualTo("is not a safe relative path");
  }

  @Test
  void shouldRefuseAnAbsolutePath() throws IOException {
    Map<String, byte[]> entries = valid();
    entries.put("/tmp/evil", new byte[] {1});

    assertThat(pointers(refusal(bundle(entries, m -> {})))).contains("/entries/~1tmp~1evil");
  }

  @Test
  void shouldRefuseWindowsStylePaths() {
    assertThat(BundleReader.isUnsafe("cards\\..\\x")).isTrue();
    assertThat(BundleReader.isUnsafe("C:/x")).isTrue();
    assertThat(BundleReader.isUnsafe("cards//x")).isTrue();
    assertThat(BundleReader.isUnsafe("cards/c1/card.json")).isFalse();
  }

  @Test
  void shouldRefuseAnEntryWhoseChecksumDoesNotMatch() throws IOException {
    Path file =
        bundle(
            valid(),
            m ->
                m.getList("entries", Document.class)
                    .get(0)
                    .put("sha256", Installation.sha256(new byte[] {42})));

    ProblemException e = refusal(file);

    assertThat(e.code()).isEqualTo("INVALID_BUNDLE");
    assertThat(pointers(e)).containsExactly("/entries/cards~1c1~1card.json");
    assertThat(e.errors().get(0).detail()).contains("SHA-256");
  }

  @Nested
  class WhenAHistoryIsInParts {

    private static final String PART_1 = "cards/c1/revisions.json";
    private static final String PART_2 = "cards/c1/revisions-2.json";
    private static final String PART_3 = "cards/c1/revisions-3.json";

    private Map<String, byte[]> withParts(String... names) {
      Map<String, byte[]> entries = valid();
      for (String name : names) {
        entries.put(name, "{\"revisions\": []}".getBytes(StandardCharsets.UTF_8));
      }
      return entries;
    }

    @Test
    void shouldAcceptPartsInSequence() throws IOException {
      try (ZipFile zip = BundleReader.open(bundle(withParts(PART_1, PART_2, PART_3), m -> {}))) {
        assertThat(BundleReader.verify(zip, LIMITS).getInteger("formatVersion")).isEqualTo(1);
      }
    }

    @Test
    void shouldRefuseAPartThatFollowsNoPart() throws IOException {
      ProblemException e = refusal(bundle(withParts(PART_1, PART_3), m -> {}));

      assertThat(e.code()).isEqualTo("INVALID_BUNDLE");
      assertThat(pointers(e)).containsExactly("/entries/cards~1c1~1revisions-3.json");
      assertThat(e.errors().get(0).detail()).isEqualTo("follows no cards/c1/revisions-2.json");
    }

    @Test
    void shouldRefuseALaterPartWithoutTheFirst() throws IOException {
      ProblemException e = refusal(bundle(withParts(PART_2), m -> {}));

      assertThat(pointers(e)).containsExactly("/entries/cards~1c1~1revisions-2.json");
    }

    @Test
    void shouldRefusePartNumbersThisFormatDoesNotWrite() throws IOException {
      ProblemException e =
          refusal(
              bundle(
                  withParts(PART_1, "cards/c1/revisions-1.json", "cards/c1/revisions-02.json"),
                  m -> {}));

      assertThat(pointers(e))
          .containsExactlyInAnyOrder(
              "/entries/cards~1c1~1revisions-1.json", "/entries/cards~1c1~1revisions-02.json");
    }

    @Test
    void shouldHoldEachPartToTheJsonLimit() throws IOException {
      Map<String, byte[]> entries = withParts(PART_1);
      entries.put(PART_2, new byte[2048]);
      BundleLimits small = new BundleLimits(1L << 30, 100, 10L * 1024 * 1024, 1024);

      ProblemException e = refusal(bundle(entries, m -> {}), small);

      assertThat(e.status()).isEqualTo(413);
      assertThat(pointers(e)).containsExactly("/entries/cards~1c1~1revisions-2.json");
    }
  }

  @Test
  void shouldRefuseAnUnknownFormatVersion() throws IOException {
    ProblemException e = refusal(bundle(valid(), m -> m.put("formatVersion", 2)));

    assertThat(e.code()).isEqualTo("UNSUPPORTED_BUNDLE_VERSION");
    assertThat(pointers(e)).containsExactly("/manifest/formatVersion");
  }

  @Test
  void shouldRefuseAZipBombWhateverItsHeadersSay() throws IOException {
    Map<String, byte[]> entries = valid();
    entries.put(MEDIA, new byte[20 * 1024 * 1024]); // 20 MiB of zeros: about 20 KiB compressed
    Path file = bundle(entries, m -> {});
    assertThat(Files.size(file)).isLessThan(100_000);

    ProblemException e = refusal(file);

    assertThat(e.status()).isEqualTo(413);
    assertThat(e.code()).isEqualTo("BUNDLE_TOO_LARGE");
  }

  @Test
  void shouldRefuseTooManyEntries() throws IOException {
    Map<String, byte[]> entries = valid();
    for (int i = 0; i < 120; i++) {
      entries.put("media/m" + i + "/content", new byte[] {1});
    }

    ProblemException e = refusal(bundle(entries, m -> {}));

    assertThat(e.status()).isEqualTo(413);
    assertThat(e.getMessage()).contains("entries");
  }

  @Test
  void shouldRefuseAnEntryTheManifestDoesNotList() throws IOException {
    Map<String, byte[]> entries = valid();
    entries.put(MEDIA, new byte[] {1, 2});
    Path file = bundle(entries, m -> m.getList("entries", Document.class).remove(1));

    assertThat(pointers(refusal(file))).containsExactly("/entries/media~1m1~1content");
  }

  @Test
  void shouldRefuseAManifestThatListsAMissingEntry() throws IOException {
    Path file =
        bundle(
            valid(),
            m ->
                m.getList("entries", Document.class)
                    .add(new Document("path", "media/x/content").append("sha256", "00")));

    assertThat(pointers(refusal(file))).containsExactly("/manifest/entries/1");
  }

  @Test
  void shouldRefuseAFileThatIsNoZip() throws IOException {
    Path file = temp.resolve("not.zip");
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write("hello".getBytes(StandardCharsets.UTF_8));
    }

    assertThatThrownBy(() -> BundleReader.open(file))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("not a zip");
  }

  @Test
  void shouldRefuseABundleWithoutManifest() throws IOException {
    Path file = temp.resolve("plain.zip");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      zip.putNextEntry(new ZipEntry(CARD));
      zip.closeEntry();
    }

    assertThat(pointers(refusal(file))).contains("/entries/manifest.json");
  }

  @Test
  void shouldRefuseAJsonEntryOverItsLimitButNotMediaContent() throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put(CARD, ("{\"card\": {\"x\": \"" + "a".repeat(2000) + "\"}}").getBytes());
    entries.put(MEDIA, new byte[4000]);
    BundleLimits limits = new BundleLimits(1L << 30, 100, 10L * 1024 * 1024, 1024);

    ProblemException e = refusal(bundle(entries, m -> {}), limits);

    assertThat(e.status()).isEqualTo(413);
    assertThat(e.code()).isEqualTo("BUNDLE_TOO_LARGE");
    assertThat(pointers(e)).containsExactly("/entries/cards~1c1~1card.json");
    assertThat(e.errors().get(0).detail()).isEqualTo("is larger than 1024 bytes");
  }

  @Nested
  class WhenReadingTheManifest {

    private ProblemException refusedManifest(String manifest) throws IOException {
      return refusal(bundle(valid(), manifest));
    }

    @Test
    void shouldRefuseAManifestNestedTooDeeplyWithoutParsingIt() throws IOException {
      String deep =
          "{\"formatVersion\": 1, \"x\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}";

      ProblemException e = refusedManifest(deep);

      assertThat(e.status()).isEqualTo(422);
      assertThat(e.code()).isEqualTo("INVALID_BUNDLE");
      assertThat(pointers(e)).containsExactly("/entries/manifest.json");
      assertThat(e.errors().get(0).detail()).isEqualTo("is nested deeper than 32 levels");
    }

    @Test
    void shouldRefuseAManifestLargerThanTheEntriesAllowedNeed() throws IOException {
      // 100 entries allowed: 64 KiB and 2 KiB per entry.
      String large = "{\"formatVersion\": 1, \"createdBy\": \"" + "a".repeat(300_000) + "\"}";

      ProblemException e = refusedManifest(large);

      assertThat(e.status()).isEqualTo(413);
      assertThat(e.code()).isEqualTo("BUNDLE_TOO_LARGE");
      assertThat(pointers(e)).containsExactly("/entries/manifest.json");
      assertThat(e.getMessage())
          .isEqualTo("The manifest is larger than 270336 bytes, the most for 100 entries.");
    }

    @Test
    void shouldRefuseAManifestOfMoreValuesThanTheEntriesAllowedNeed() throws IOException {
      String many = "{\"formatVersion\": 1, \"cards\": [" + "{},".repeat(3000) + "{}]}";

      ProblemException e = refusedManifest(many);

      assertThat(e.status()).isEqualTo(422);
      assertThat(e.errors().get(0).detail()).isEqualTo("holds more than 2624 values");
    }

    @Test
    void shouldRefuseAFieldTheFormatDoesNotHave() throws IOException {
      ProblemException e = refusal(bundle(valid(), m -> m.put("$where", "x")));

      assertThat(e.code()).isEqualTo("INVALID_BUNDLE");
      assertThat(pointers(e)).containsExactly("/manifest/$where");
    }

    @Test
    void shouldRefuseAnEntryOrCardThatIsNoObject() throws IOException {
      ProblemException entry =
          refusal(bundle(valid(), m -> m.getList("entries", Object.class).add(null)));
      ProblemException card =
          refusal(
              bundle(
                  valid(),
                  m ->
                      m.put(
                          "cards", Arrays.asList(null, m.getList("cards", Object.class).get(0)))));

      assertThat(entry.status()).isEqualTo(422);
      assertThat(entry.code()).isEqualTo("INVALID_BUNDLE");
      assertThat(pointers(entry)).containsExactly("/manifest/entries/1");
      assertThat(card.status()).isEqualTo(422);
      assertThat(pointers(card)).containsExactly("/manifest/cards/0");
    }

    @Test
    void shouldRefuseEntriesThatAreNoList() throws IOException {
      ProblemException e = refusal(bundle(valid(), m -> m.put("entries", "all of them")));

      assertThat(pointers(e)).startsWith("/manifest/entries");
    }
  }
}
