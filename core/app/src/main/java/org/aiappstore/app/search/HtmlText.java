package org.aiappstore.app.search;

import java.util.Locale;
import java.util.Set;
import org.jsoup.parser.Parser;

/**
 * The text of a card's rich document, for indexing: what a reader sees, plus chart captions and
 * image descriptions, and whether it holds a video.
 *
 * <p>A single pass over the HTML instead of building a DOM, which made up a quarter of indexing:
 * the documents are the sanitizer's output (jsoup's serialization of an allow-list), so tags are
 * well formed, attribute values are double-quoted, and there are no comments, scripts or styles.
 * Entities are decoded by jsoup. Block elements separate words; inline ones do not ({@code
 * im<b>port</b>ant} is one word).
 */
final class HtmlText {

  private static final Set<String> BLOCKS =
      Set.of(
          "p",
          "h1",
          "h2",
          "h3",
          "h4",
          "h5",
          "h6",
          "br",
          "hr",
          "li",
          "ul",
          "ol",
          "table",
          "thead",
          "tbody",
          "tfoot",
          "tr",
          "td",
          "th",
          "div",
          "pre",
          "blockquote",
          "figure",
          "figcaption",
          "img",
          "video",
          "caption");

  private final StringBuilder text = new StringBuilder();
  private final StringBuilder extras = new StringBuilder();
  private boolean video;

  private HtmlText() {}

  /** The text and facts of several documents together. */
  record Extracted(String text, boolean hasVideo) {}

  static Extracted of(String... htmls) {
    HtmlText out = new HtmlText();
    for (String html : htmls) {
      if (html != null && !html.isEmpty()) {
        out.read(html);
        out.text.append(' ');
      }
    }
    out.text.append(' ').append(out.extras);
    return new Extracted(normalizeSpaces(out.text), out.video);
  }

  private void read(String html) {
    int i = 0;
    int n = html.length();
    while (i < n) {
      char c = html.charAt(i);
      if (c == '<') {
        int end = tagEnd(html, i + 1);
        tag(html.substring(i + 1, end));
        i = Math.min(n, end + 1);
      } else {
        int next = html.indexOf('<', i);
        if (next < 0) {
          next = n;
        }
        appendText(text, html, i, next);
        i = next;
      }
    }
  }

  /** The index of the tag's closing {@code >}, skipping quoted attribute values. */
  private static int tagEnd(String html, int from) {
    boolean quoted = false;
    for (int i = from; i < html.length(); i++) {
      char c = html.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '>' && !quoted) {
        return i;
      }
    }
    return html.length();
  }

  private void tag(String tag) {
    int start = tag.startsWith("/") ? 1 : 0;
    int end = start;
    while (end < tag.length() && Character.isLetterOrDigit(tag.charAt(end))) {
      end++;
    }
    String name = tag.substring(start, end).toLowerCase(Locale.ROOT);
    if (BLOCKS.contains(name)) {
      text.append(' ');
    }
    if (start == 1) {
      return;
    }
    switch (name) {
      case "img" -> attribute(tag, "alt");
      case "div" -> attribute(tag, "data-caption");
      case "video" -> video = true;
      default -> {}
    }
  }

  private void attribute(String tag, String name) {
    String marker = " " + name + "=\"";
    int at = tag.indexOf(marker);
    if (at < 0) {
      return;
    }
    int from = at + marker.length();
    int to = tag.indexOf('"', from);
    appendText(extras, tag, from, to < 0 ? tag.length() : to);
    extras.append(' ');
  }

  private static void appendText(StringBuilder out, String html, int from, int to) {
    int amp = html.indexOf('&', from);
    if (amp < 0 || amp >= to) {
      out.append(html, from, to);
    } else {
      out.append(Parser.unescapeEntities(html.substring(from, to), false));
    }
  }

  /** Runs of white space (including no-break spaces) as one space, none at the ends. */
  private static String normalizeSpaces(CharSequence text) {
    StringBuilder out = new StringBuilder(text.length());
    boolean space = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || c == '\u00a0') {
        space = out.length() > 0;
      } else {
        if (space) {
          out.append(' ');
          space = false;
        }
        out.append(c);
      }
    }
    return out.toString();
  }
}
