package org.aiappstore.app.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoClientSettings;
import java.time.Instant;
import java.util.List;
import org.aiappstore.app.model.CardContent.Artifact;
import org.aiappstore.app.model.CardContent.Demo;
import org.aiappstore.app.model.CardContent.DemoType;
import org.aiappstore.app.model.CardContent.ExternalRef;
import org.aiappstore.app.model.CardContent.Visibility;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.configuration.CodecRegistry;
import org.junit.jupiter.api.Test;

class ContentDocumentsTest {

  private static final CodecRegistry CODECS = MongoClientSettings.getDefaultCodecRegistry();

  /** The document as the driver hands it back: through BSON, as from the database. */
  private static Document throughBson(Document document) {
    BsonDocument bson = document.toBsonDocument(Document.class, CODECS);
    return new DocumentCodec()
        .decode(bson.asBsonReader(), org.bson.codecs.DecoderContext.builder().build());
  }

  @Test
  void shouldReadBackExactlyWhatWasWritten() {
    CardContent content =
        new CardContent(
            "ResNet \"50\" \\ <b>",
            "Audio",
            List.of("a", "Ünïcode"),
            List.of("PyTorch"),
            "line\nbreak\ttab",
            "",
            "usage",
            "",
            "Owner",
            "ml@example.org",
            "<p>body &amp; more</p>",
            "<div data-type=\"chart\" data-figure=\"{&quot;data&quot;:[]}\"></div>",
            List.of(
                new Artifact(
                    "model", "w", "s3://b/k", "PyTorch", Instant.parse("2026-11-20T10:00:00Z"))),
            new ExternalRef("clearml", "abc"),
            null,
            new Demo(DemoType.APP, "app-1", null),
            Visibility.PRIVATE,
            List.of("user-1"));

    CardContent read =
        ContentDocuments.fromDocument(throughBson(ContentDocuments.toDocument(content)));

    assertThat(read).isEqualTo(content);
  }
}
