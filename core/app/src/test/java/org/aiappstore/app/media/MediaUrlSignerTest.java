package org.aiappstore.app.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MediaUrlSignerTest {

  private static final String ID = "0b7c1a52-3f6e-4b8e-9a51-6a1f0e2d4c3b";
  private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();
  private static final Instant NOW = Instant.parse("2026-11-28T10:20:00Z");

  private final MediaUrlSigner signer =
      new MediaUrlSigner(KEY, Clock.fixed(NOW, ZoneOffset.UTC), 2);

  private static Map<String, String> query(String url) {
    Map<String, String> params = new HashMap<>();
    for (String pair : URI.create(url).getQuery().split("&")) {
      String[] kv = pair.split("=", 2);
      params.put(kv[0], kv[1]);
    }
    return params;
  }

  @Test
  void shouldVerifyItsOwnSignatureUntilTheRoundedExpiry() {
    Map<String, String> params = query(signer.signedUrl(ID));

    assertThat(Long.parseLong(params.get("exp")))
        .isEqualTo(Instant.parse("2026-11-28T13:00:00Z").getEpochSecond());
    assertThat(signer.verify(ID, params.get("exp"), params.get("sig"))).isTrue();
    MediaUrlSigner later =
        new MediaUrlSigner(KEY, Clock.fixed(NOW.plus(Duration.ofHours(3)), ZoneOffset.UTC), 2);
    assertThat(later.verify(ID, params.get("exp"), params.get("sig"))).isFalse();
  }

  @Test
  void shouldGiveTheSameUrlWithinAnHourSoBrowsersCacheIt() {
    MediaUrlSigner fewMinutesLater =
        new MediaUrlSigner(KEY, Clock.fixed(NOW.plus(Duration.ofMinutes(5)), ZoneOffset.UTC), 2);

    assertThat(fewMinutesLater.signedUrl(ID)).isEqualTo(signer.signedUrl(ID));
  }

  @Test
  void shouldRefuseATamperedIdExpiryOrSignature() {
    Map<String, String> params = query(signer.signedUrl(ID));
    String otherId = ID.replace('0', '1');
    long extended = Long.parseLong(params.get("exp")) + 86_400;

    assertThat(signer.verify(otherId, params.get("exp"), params.get("sig"))).isFalse();
    assertThat(signer.verify(ID, String.valueOf(extended), params.get("sig"))).isFalse();
    assertThat(signer.verify(ID, params.get("exp"), params.get("sig") + "x")).isFalse();
    assertThat(signer.verify(ID, "soon", params.get("sig"))).isFalse();
    assertThat(signer.verify(ID, null, null)).isFalse();
  }

  @Test
  void shouldRefuseASignatureMadeWithAnotherKey() {
    Map<String, String> params =
        query(
            new MediaUrlSigner(
                    "another key of thirty-two bytes!".getBytes(),
                    Clock.fixed(NOW, ZoneOffset.UTC),
                    2)
                .signedUrl(ID));

    assertThat(signer.verify(ID, params.get("exp"), params.get("sig"))).isFalse();
  }

  @Test
  void shouldSignEveryMediaSourceOfADocumentAndNothingElse() {
    String html =
        "<p><img src=\"/api/v1/media/"
            + ID
            + "\" alt=\"/api/v1/media/"
            + ID
            + "\"></p>"
            + "<video src=\"/api/v1/media/"
            + ID
            + "\" controls></video>"
            + "<a href=\"/api/v1/media/"
            + ID
            + "\">link</a>";

    String signed = signer.signDocument(html, Set.of(ID));

    assertThat(signed).contains("<img src=\"/api/v1/media/" + ID + "?exp=");
    assertThat(signed).contains("<video src=\"/api/v1/media/" + ID + "?exp=");
    assertThat(signed).contains("&amp;sig=");
    assertThat(signed).contains("alt=\"/api/v1/media/" + ID + "\"");
    assertThat(signed).contains("href=\"/api/v1/media/" + ID + "\"");
  }

  @Test
  void shouldNotSignASourceOfAFileTheCardDoesNotUse() {
    String other = "5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a";
    // Sanitized text keeps its quotes, so a paragraph can read like an attribute.
    String html =
        "<p>src=\"/api/v1/media/" + other + "\"</p><img src=\"/api/v1/media/" + ID + "\">";

    String signed = signer.signDocument(html, Set.of(ID));

    assertThat(signed).contains("<p>src=\"/api/v1/media/" + other + "\"</p>");
    assertThat(signed).contains("<img src=\"/api/v1/media/" + ID + "?exp=");
  }
}
