package org.aiappstore.app.model;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aiappstore.app.media.MediaView;

/**
 * The media files a wizard draft names. A draft is the web app's JSON, opaque to the server, but
 * the files in it are the server's: images in the documents' HTML and a demo video, named by their
 * URL ({@code /api/v1/media/{id}}, signed when it came from a card) or by {@code "mediaId"}. Files
 * only a draft names must survive the cleanup of unused files, and their signed URLs, which expire
 * within hours, must work again when the draft is resumed days later.
 */
final class DraftMedia {

  private static final String ID = "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})";

  private static final Pattern NAMED =
      Pattern.compile("(?:" + Pattern.quote(MediaView.BASE_PATH) + "|\"mediaId\"\\s*:\\s*\")" + ID);

  /** A signed URL as the HTML of a document holds it ({@code &amp;}) or a plain string does. */
  private static final Pattern SIGNED =
      Pattern.compile(
          Pattern.quote(MediaView.BASE_PATH) + ID + "\\?exp=\\d+(&amp;|&)sig=[A-Za-z0-9_-]+");

  private DraftMedia() {}

  /** The ids of the files the draft's JSON text names, in order of appearance. */
  static Set<String> ids(String content) {
    Set<String> ids = new LinkedHashSet<>();
    Matcher matcher = NAMED.matcher(content);
    while (matcher.find()) {
      ids.add(matcher.group(1));
    }
    return ids;
  }

  /**
   * The draft's text with every signed URL of a file {@code mayShow} accepts signed anew by {@code
   * signedUrl}; others are left as they are (a draft may hold any text, and signing an id found in
   * it would hand out any file whose id its writer knows).
   */
  static String resigned(
      String content, Predicate<String> mayShow, Function<String, String> signedUrl) {
    Matcher matcher = SIGNED.matcher(content);
    StringBuilder out = new StringBuilder(content.length() + 64);
    while (matcher.find()) {
      if (mayShow.test(matcher.group(1))) {
        String signed = signedUrl.apply(matcher.group(1)).replace("&", matcher.group(2));
        matcher.appendReplacement(out, Matcher.quoteReplacement(signed));
      }
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
