package org.aiappstore.app.export;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.aiappstore.app.identity.user.User;
import org.aiappstore.app.identity.user.UserRepository;
import org.aiappstore.app.media.MediaKind;
import org.aiappstore.app.media.MediaRecord;
import org.aiappstore.app.media.MediaReferences;
import org.aiappstore.app.media.MediaStore;
import org.aiappstore.app.model.CardContent;
import org.aiappstore.app.model.CardRepository;
import org.aiappstore.app.model.ModelCard;
import org.aiappstore.app.model.Revision;
import org.aiappstore.app.model.RevisionRepository;
import org.aiappstore.app.model.content.ChartPolicy;
import org.aiappstore.app.model.content.RichTextSanitizer;
import org.aiappstore.app.persistence.TestingMongo;
import org.aiappstore.plugin.api.data.ByteRange;
import org.aiappstore.plugin.api.data.DataCapability;
import org.aiappstore.plugin.api.data.StoredObject;
import org.aiappstore.plugin.tck.data.testing.InMemoryDataConnector;

/** One installation for tests: its own database (mongo-java-server) and its own object store. */
final class Installation implements AutoCloseable {

  static final String CONNECTOR = "store";

  final TestingMongo mongo = new TestingMongo();
  final InMemoryDataConnector store =
      new InMemoryDataConnector(EnumSet.allOf(DataCapability.class), Clock.systemUTC());
  final UserRepository users = new UserRepository(mongo);
  final CardRepository cards = new CardRepository(mongo);
  final RevisionRepository revisions = new RevisionRepository(mongo);
  final MediaStore media = new MediaStore(mongo);
  final MediaReferences references = new MediaReferences(mongo);

  User user(String username) {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    return users.insert(
        new User(
            UUID.randomUUID().toString(),
            username,
            username + " Example",
            username + "@example.org",
            Set.of("user"),
            null,
            false,
            now,
            now,
            1,
            null,
            null,
            null,
            null));
  }

  MediaRecord upload(User owner, MediaKind kind, String contentType, byte[] bytes) {
    String id = UUID.randomUUID().toString();
    store.put("media/" + id, new ByteArrayInputStream(bytes), bytes.length, contentType);
    MediaRecord record =
        new MediaRecord(
            id,
            owner.id(),
            "media/" + id,
            contentType,
            kind,
            bytes.length,
            sha256(bytes),
            "file-" + id.substring(0, 4),
            Instant.parse("2026-01-02T00:00:00.123Z"),
            CONNECTOR);
    media.insert(record);
    return record;
  }

  /**
   * A card with an image and a chart in its body, a video demo, shared with someone, and history.
   */
  ModelCard card(User owner, int n, User sharedWith) {
    MediaRecord image = upload(owner, MediaKind.IMAGE, "image/png", png(n));
    MediaRecord video = upload(owner, MediaKind.VIDEO, "video/mp4", mp4(n));
    String body =
        sanitized(
            "<p>Card "
                + n
                + "</p><img src=\"/api/v1/media/"
                + image.id()
                + "\"><div data-type=\"chart\" data-figure='{\"data\":[{\"x\":[1,2],\"y\":["
                + n
                + ",3]}]}'></div>");
    CardContent v1 = content("Model " + n, "<p>first</p>", List.of(), CardContent.Demo.NONE);
    CardContent v2 =
        content(
            "Model " + n,
            body,
            sharedWith == null ? List.of() : List.of(sharedWith.id()),
            new CardContent.Demo(CardContent.DemoType.VIDEO, null, video.id()));
    String id = UUID.randomUUID().toString();
    Instant created = Instant.parse("2026-02-01T10:00:00.001Z").plusSeconds(n);
    Instant updated = created.plusSeconds(60);
    ModelCard card =
        new ModelCard(
            id, owner.id(), "model-" + n, v2, Set.of(image.id(), video.id()), created, updated, 2);
    cards.insert(card);
    references.attach(card.mediaIds(), id);
    revisions.insert(new Revision(id, 1, owner.id(), created, List.of("title"), null, v1));
    revisions.insert(new Revision(id, 2, owner.id(), updated, List.of("body", "demo"), null, v2));
    return card;
  }

  /** A document as the API stores it: sanitized. */
  static String sanitized(String html) {
    return new RichTextSanitizer(ChartPolicy.defaults(), 2_000_000).sanitize(html, null).html();
  }

  static CardContent content(
      String title, String body, List<String> sharedWith, CardContent.Demo demo) {
    CardContent e = CardContent.EMPTY;
    return new CardContent(
        title,
        "Computer Vision",
        List.of("vision"),
        List.of("pytorch"),
        "A model",
        e.explanation(),
        e.usage(),
        e.limitations(),
        "Owner",
        e.pointOfContact(),
        body,
        e.performance(),
        e.artifacts(),
        e.experiment(),
        e.dataset(),
        demo,
        CardContent.Visibility.PRIVATE,
        sharedWith);
  }

  /** The media id of the image in the card's body. */
  static String imageOf(ModelCard card) {
    return card.content().body().replaceAll("(?s).*/api/v1/media/([0-9a-f-]{36}).*", "$1");
  }

  byte[] read(String key) throws IOException {
    try (StoredObject object = store.get(key, ByteRange.all());
        InputStream in = object.stream()) {
      return in.readAllBytes();
    }
  }

  static byte[] bytes(String seed, int length) {
    byte[] out = new byte[length];
    byte[] s = seed.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < length; i++) {
      out[i] = (byte) (s[i % s.length] * 31 + i);
    }
    return out;
  }

  /** Bytes a sniffer takes for a PNG image: the signature, then filler. */
  static byte[] png(int n) {
    return withHead(
        new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A},
        bytes("png-" + n, 3000 + n));
  }

  /** Bytes a sniffer takes for an MP4 video: an {@code ftyp} box of brand isom, then filler. */
  static byte[] mp4(int n) {
    return withHead(
        "\0\0\0\u0018ftypisom".getBytes(StandardCharsets.ISO_8859_1), bytes("mp4-" + n, 20000 + n));
  }

  private static byte[] withHead(byte[] head, byte[] filler) {
    System.arraycopy(head, 0, filler, 0, head.length);
    return filler;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  List<ModelCard> allCards() {
    return new ArrayList<>(cards.page(null, 0, 1000));
  }

  @Override
  public void close() {
    mongo.close();
  }
}
