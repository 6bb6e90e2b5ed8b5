package org.aiappstore.app.media;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aiappstore.app.config.AppSettings;
import org.aiappstore.app.config.ConfigKey;
import org.aiappstore.app.persistence.SharedKeys;

/**
 * Signed media URLs. {@code <img>} and {@code <video>} elements cannot send an Authorization
 * header, so a card shown to someone allowed to see it carries its media as {@code
 * /api/v1/media/{id}?exp=…&sig=…}: an HMAC over id and expiry with a key every replica shares.
 * Expiries are rounded up to the hour so that the same URL (and the browser cache) serves a whole
 * hour of page views.
 */
@ApplicationScoped
public class MediaUrlSigner {

  static final String KEY_ID = "media-url-key";
  private static final Pattern MEDIA_SOURCE =
      Pattern.compile("(src|poster)=\"" + Pattern.quote(MediaView.BASE_PATH) + "([0-9a-f-]{36})\"");

  @Inject SharedKeys keys;
  @Inject AppSettings settings;

  private final Clock clock;

  /** A fixed key for tests; otherwise the replicas' shared key {@link #KEY_ID}. */
  private byte[] key;

  private int validityHours;

  public MediaUrlSigner() {
    this(Clock.systemUTC());
  }

  MediaUrlSigner(Clock clock) {
    this.clock = clock;
  }

  /** For tests: a fixed key and validity. */
  MediaUrlSigner(byte[] key, Clock clock, int validityHours) {
    this.key = key.clone();
    this.clock = clock;
    this.validityHours = validityHours;
  }

  /** A URL for the media file that works without credentials until it expires. */
  public String signedUrl(String mediaId) {
    long hours =
        Math.max(
            1, validityHours > 0 ? validityHours : settings.integer(ConfigKey.MEDIA_URL_HOURS));
    Instant now = Instant.now(clock);
    long expires = now.plus(Duration.ofHours(hours)).getEpochSecond();
    expires = (expires / 3600 + 1) * 3600;
    return MediaView.BASE_PATH
        + mediaId
        + "?exp="
        + expires
        + "&sig="
        + signature(mediaId, expires);
  }

  /**
   * Every source in sanitized HTML naming one of {@code mediaIds} (the files the card's writes were
   * checked for), signed; other text is left as it is. Only those: the pattern also matches text
   * that merely looks like an attribute (sanitized text keeps its quotes), and signing an id from
   * there would hand out any file whose id a writer knows.
   */
  public String signDocument(String html, Set<String> mediaIds) {
    Matcher matcher = MEDIA_SOURCE.matcher(html);
    StringBuilder out = new StringBuilder(html.length() + 256);
    while (matcher.find()) {
      if (!mediaIds.contains(matcher.group(2))) {
        continue;
      }
      String signed = signedUrl(matcher.group(2)).replace("&", "&amp;");
      matcher.appendReplacement(
          out, Matcher.quoteReplacement(matcher.group(1) + "=\"" + signed + "\""));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /** Whether {@code sig} was made by us for this id and expiry, and the expiry has not passed. */
  public boolean verify(String mediaId, String exp, String sig) {
    if (exp == null || sig == null) {
      return false;
    }
    long expires;
    try {
      expires = Long.parseLong(exp);
    } catch (NumberFormatException e) {
      return false;
    }
    if (Instant.now(clock).getEpochSecond() > expires) {
      return false;
    }
    return SharedKeys.sameSignature(signature(mediaId, expires), sig);
  }

  private String signature(String mediaId, long expires) {
    String text = mediaId + ":" + expires;
    return key != null ? SharedKeys.hmac(key, text) : keys.sign(KEY_ID, text);
  }
}
