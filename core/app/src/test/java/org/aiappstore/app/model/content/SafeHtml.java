package org.aiappstore.app.model.content;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Element;
import org.jsoup.select.NodeTraversor;

/**
 * What "no XSS vector survives" means for a sanitized document, checked on the output as a browser
 * would parse it. Independent of the sanitizer's own tables, so a mistake in them shows here.
 */
final class SafeHtml {

  static final Pattern MEDIA_PATH =
      Pattern.compile("/api/v1/media/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private static final Set<String> FORBIDDEN_ELEMENTS =
      Set.of(
          ("script style iframe object embed svg math form meta base link template noscript input"
                  + " button textarea frame frameset")
              .split(" "));

  /** Every element and attribute the issue allows; anything else in an output is a failure. */
  private static final Map<String, Set<String>> ALLOWED = new HashMap<>();

  static {
    for (String plain :
        ("h1 h2 h3 h4 p br hr strong b em i u s strike code pre blockquote ul li table thead tbody"
                + " tr")
            .split(" ")) {
      ALLOWED.put(plain, Set.of());
    }
    ALLOWED.put("ol", Set.of("start", "type"));
    ALLOWED.put("a", Set.of("href", "title", "target", "rel"));
    ALLOWED.put("th", Set.of("colspan", "rowspan", "colwidth"));
    ALLOWED.put("td", Set.of("colspan", "rowspan", "colwidth"));
    ALLOWED.put("img", Set.of("src", "alt", "title", "width", "height"));
    ALLOWED.put("video", Set.of("src", "poster", "width", "height", "controls"));
    ALLOWED.put("div", Set.of("data-type", "data-figure", "data-caption"));
  }

  private SafeHtml() {}

  /** Every way the document breaks the rules; empty when it is safe. */
  static List<String> violations(String html) {
    List<String> found = new ArrayList<>();
    Element body = Jsoup.parseBodyFragment(html).body();
    NodeTraversor.traverse(
        (node, depth) -> {
          if (node instanceof Comment) {
            found.add("a comment survived: " + node.outerHtml());
          }
        },
        body);
    for (Element element : body.select("*")) {
      if (element == body) {
        continue;
      }
      String name = element.normalName();
      if (FORBIDDEN_ELEMENTS.contains(name)) {
        found.add("forbidden element <" + name + ">");
      }
      Set<String> allowedAttributes = ALLOWED.get(name);
      if (allowedAttributes == null) {
        found.add("element not on the allow-list <" + name + ">");
        continue;
      }
      for (Attribute attribute : element.attributes()) {
        String key = attribute.getKey().toLowerCase(Locale.ROOT);
        String value = attribute.getValue();
        if (key.startsWith("on")) {
          found.add("event handler " + key + " on <" + name + ">");
        }
        if (key.equals("style")) {
          found.add("style attribute on <" + name + ">");
        }
        if (!allowedAttributes.contains(key)) {
          found.add("attribute not on the allow-list " + key + " on <" + name + ">");
        }
        String scheme = schemeView(value);
        for (String active : List.of("javascript:", "vbscript:", "data:")) {
          if (scheme.startsWith(active)) {
            found.add(active + " in " + key + " of <" + name + ">");
          }
        }
      }
      if (name.equals("img") || name.equals("video")) {
        if (!MEDIA_PATH.matcher(element.attr("src")).matches()) {
          found.add("<" + name + "> with a source other than a media path: " + element.attr("src"));
        }
      }
      if (name.equals("video")
          && element.hasAttr("poster")
          && !MEDIA_PATH.matcher(element.attr("poster")).matches()) {
        found.add("<video> with a poster other than a media path: " + element.attr("poster"));
      }
      if (name.equals("div")) {
        String figure = element.attr("data-figure");
        if (!element.attr("data-type").equals("chart")) {
          found.add("a <div> that is not a chart");
        }
        if (figure.contains("<") || figure.contains(">")) {
          found.add("a chart figure with HTML: " + figure);
        }
        if (figure.toLowerCase(Locale.ROOT).replaceAll("\\s", "").contains("javascript:")) {
          found.add("a chart figure with a javascript: URL: " + figure);
        }
      }
    }
    return found;
  }

  /** Trimmed, without tabs and line breaks, lower case: how a browser reads a URL's scheme. */
  private static String schemeView(String value) {
    return value
        .replaceAll("^[\\x00-\\x20]+|[\\x00-\\x20]+$", "")
        .replaceAll("[\\t\\n\\r]", "")
        .toLowerCase(Locale.ROOT);
  }
}
