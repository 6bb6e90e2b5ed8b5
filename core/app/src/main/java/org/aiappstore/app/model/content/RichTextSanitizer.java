package org.aiappstore.app.model.content;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;

/**
 * Sanitizes the HTML documents of model cards (written by the TipTap editor in the browser) against
 * an explicit allow-list, and refuses what cannot be made safe by dropping.
 *
 * <p>The document is parsed with jsoup's HTML5 parser, the way a browser parses it, and a new
 * document is built from what the allow-list accepts; nothing of the input is passed through
 * unexamined. The result is then parsed and rebuilt once more, so that what is stored is exactly
 * what a browser will see when it parses the stored text (the first pass can leave structure that a
 * parser re-arranges, e.g. a paragraph inside a paragraph once a wrapper between them is gone).
 *
 * <h2>What is kept</h2>
 *
 * <ul>
 *   <li>{@code h1}–{@code h4}; {@code h5} and {@code h6} become {@code h4}, the deepest level the
 *       editor offers, so a pasted document still fits the editor's schema.
 *   <li>{@code p br hr strong b em i u s strike code pre blockquote ul li thead tbody tr table},
 *       without attributes; {@code tfoot} becomes {@code tbody}.
 *   <li>{@code ol} with {@code start} (an integer) and {@code type} ({@code 1 a A i I}).
 *   <li>{@code th}, {@code td} with {@code colspan} and {@code rowspan} (1 to {@value #MAX_SPAN})
 *       and TipTap's {@code colwidth} (comma-separated pixel widths).
 *   <li>{@code a} with an {@code href} whose scheme is http, https or mailto, and {@code title};
 *       {@code rel="noopener noreferrer nofollow"} is always set, {@code target="_blank"} on http
 *       and https links. A link with any other href (relative, {@code javascript:}, ...) is
 *       unwrapped: its text stays.
 *   <li>{@code img} with a media {@code src} (see below), {@code alt}, {@code title}, {@code
 *       width}, {@code height} (integers).
 *   <li>{@code video}: {@code <video src="/api/v1/media/{id}" poster="/api/v1/media/{id}"
 *       width="640" height="360" controls></video>}; {@code src} may instead come from the first
 *       {@code <source>} child with a media URL. {@code controls} is always set; poster, width and
 *       height are optional; anything else ({@code autoplay}, {@code loop}, children) is dropped.
 *   <li>Charts: {@code <div data-type="chart" data-figure="{Plotly figure JSON}"
 *       data-caption="plain text"></div>}; see {@link ChartPolicy} for the figure's limits. The
 *       figure is validated (a chart that fails is refused with a {@link RichTextException}) and
 *       written back canonically; children are dropped; the caption is optional, at most {@value
 *       #MAX_CAPTION} characters, and must be rendered as text. A chart imported from an experiment
 *       also carries {@code data-source} (see {@link ChartSource}) and, once changed by hand,
 *       {@code data-edited="true"}.
 * </ul>
 *
 * <p>Media sources must be this platform's media path {@code /api/v1/media/{uuid}} (lowercase),
 * relative or absolute; query and fragment (the signature of a served URL) and scheme and host are
 * stripped, since the server signs media URLs when it serves a document. An image or video with any
 * other source is dropped. An image given inline as a base64 {@code data:} URL of type PNG, JPEG,
 * GIF or WebP is handed to the {@link InlineImageStore} and replaced by the media path.
 *
 * <p>Everything else is dropped: the content of {@code script style iframe object embed svg math
 * template noscript} and similar elements entirely, other elements (e.g. {@code span}, plain {@code
 * div}, {@code font}) by unwrapping, so their text stays. Comments and every other attribute
 * ({@code on*}, {@code style}, {@code class}, {@code id}, {@code srcset}, ...) go too. The output
 * is jsoup's serialization without pretty printing, so the same input always gives the same output,
 * and sanitizing an output again gives it back unchanged.
 *
 * <p>Thread-safe: one instance serves every request.
 */
public final class RichTextSanitizer {

  /** The {@code rel} of every link: no opener access, no referrer, no endorsement for crawlers. */
  public static final String LINK_REL = "noopener noreferrer nofollow";

  /** The longest chart caption, in characters. */
  public static final int MAX_CAPTION = 300;

  /** The largest {@code colspan} and {@code rowspan} kept. */
  public static final int MAX_SPAN = 100;

  /** The largest {@code width} and {@code height} of an image or video kept, in pixels. */
  public static final int MAX_DIMENSION = 10_000;

  /**
   * Deeper elements are dropped. jsoup's parser already flattens beyond 512 levels; this bound
   * keeps the recursive copy independent of that default.
   */
  private static final int MAX_NESTING = 256;

  /**
   * Removed with everything inside: unwrapping these would turn code, styles or widgets into text.
   */
  private static final Set<String> DROPPED_WITH_CONTENT =
      words(
          // Code and styles; other documents and plugins.
          "script style iframe frame frameset object embed applet param portal "
              // Foreign content and raw-text elements, the stuff of parser-context (mXSS) tricks.
              + "svg math template noscript noembed noframes xmp plaintext "
              // Form controls and document metadata.
              + "textarea select option optgroup datalist input head title meta base link "
              // Media that is not the platform's, and the parts of media and image maps.
              + "canvas audio source track map area");

  /** Kept without attributes. */
  private static final Set<String> PLAIN =
      words(
          "h1 h2 h3 h4 p br hr strong b em i u s strike code pre blockquote ul li "
              + "table thead tbody tr");

  private static final Map<String, String> RENAMED =
      Map.of("h5", "h4", "h6", "h4", "tfoot", "tbody");

  /**
   * What a table part may hold. Anything else inside a table is dropped with its content rather
   * than unwrapped: loose text there would be moved before the table by the next parser to read it.
   */
  private static final Map<String, Set<String>> TABLE_CHILDREN =
      Map.of(
          "table", Set.of("thead", "tbody", "tfoot"),
          "thead", Set.of("tr"),
          "tbody", Set.of("tr"),
          "tr", Set.of("th", "td"));

  private static final Set<String> LIST_TYPES = Set.of("1", "a", "A", "i", "I");

  private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]{1,9}");
  private static final Pattern COLUMN_WIDTHS = Pattern.compile("[0-9]{1,5}(?:,[0-9]{1,5}){0,99}");
  private static final Pattern WEB_LINK = Pattern.compile("(?i)https?://[^\\s/?#\\\\]+.*");
  private static final Pattern MAIL_LINK = Pattern.compile("(?i)mailto:\\S.*");

  private final ChartFigure charts;
  private final int maxDocumentChars;

  /**
   * Creates a sanitizer.
   *
   * @param chartPolicy the limits on chart figures
   * @param maxDocumentChars the longest document accepted, in characters of HTML
   */
  public RichTextSanitizer(ChartPolicy chartPolicy, int maxDocumentChars) {
    Objects.requireNonNull(chartPolicy, "chartPolicy");
    if (maxDocumentChars < 1) {
      throw new IllegalArgumentException(
          "maxDocumentChars must be positive, not " + maxDocumentChars);
    }
    this.charts = new ChartFigure(chartPolicy);
    this.maxDocumentChars = maxDocumentChars;
  }

  /**
   * Sanitizes a document.
   *
   * <p>Inline images are stored only once the rest of the document has passed, so a document
   * refused for, say, a chart leaves no media behind.
   *
   * @param html the document as the editor wrote it; {@code null} or blank gives an empty document
   * @param inlineImages receives the document's {@code data:} images; {@code null} where inline
   *     images are not accepted, in which case a document carrying one is refused
   * @return the clean HTML and the media it references
   * @throws RichTextException when the document is too long, a chart breaks a rule, or an inline
   *     image is malformed, not accepted, or refused by the store
   */
  public SanitizedDocument sanitize(String html, InlineImageStore inlineImages) {
    if (html == null || html.isBlank()) {
      return new SanitizedDocument("", Set.of());
    }
    if (html.length() > maxDocumentChars) {
      throw new RichTextException(
          "The document is longer than "
              + maxDocumentChars
              + " characters ("
              + html.length()
              + ").");
    }
    String built = new Pass().run(html, inlineImages);
    // Nothing inline is left for the second pass to store.
    Pass settled = new Pass();
    String stable = settled.run(built, null);
    return new SanitizedDocument(stable, settled.mediaIds);
  }

  /** One walk over a document; holds what the walk counts and collects. */
  private final class Pass {

    private final Set<String> mediaIds = new LinkedHashSet<>();
    private final List<PendingImage> pendingImages = new ArrayList<>();
    private int imageCount;
    private int chartCount;

    String run(String html, InlineImageStore inlineImages) {
      Document source = Jsoup.parseBodyFragment(html);
      Document target = Document.createShell("");
      target.outputSettings().prettyPrint(false).escapeMode(Entities.EscapeMode.base);
      copyChildren(source.body(), target.body(), 0);
      for (PendingImage pending : pendingImages) {
        String id = store(pending, inlineImages);
        mediaIds.add(id);
        pending.target().attr("src", MediaUrls.path(id));
      }
      return target.body().html();
    }

    private void copyChildren(Element source, Element target, int depth) {
      for (Node child : source.childNodes()) {
        copy(child, target, depth);
      }
    }

    private void copy(Node node, Element target, int depth) {
      Set<String> tableChildren = TABLE_CHILDREN.get(target.normalName());
      if (node instanceof TextNode text) {
        if (tableChildren == null || text.isBlank()) {
          target.appendChild(new TextNode(text.getWholeText()));
        }
        return;
      }
      // Comments, script and style data, doctypes: never copied.
      if (!(node instanceof Element element) || depth >= MAX_NESTING) {
        return;
      }
      String name = element.normalName();
      // SVG and MathML have their own parsing rules and script hooks: none of it is kept.
      if (!Parser.NamespaceHtml.equals(element.tag().namespace())
          || DROPPED_WITH_CONTENT.contains(name)
          || (tableChildren != null && !tableChildren.contains(name))) {
        return;
      }
      switch (name) {
        case "a" -> link(element, target, depth);
        case "ol" -> orderedList(element, target, depth);
        case "th", "td" -> cell(element, target, depth);
        case "img" -> image(element, target);
        case "video" -> video(element, target);
        case "div" -> {
          if ("chart".equals(element.attr("data-type"))) {
            chart(element, target);
          } else {
            copyChildren(element, target, depth + 1);
          }
        }
        default -> {
          String kept = PLAIN.contains(name) ? name : RENAMED.get(name);
          if (kept == null) {
            copyChildren(element, target, depth + 1);
          } else {
            copyChildren(element, target.appendElement(kept), depth + 1);
          }
        }
      }
    }

    private void link(Element source, Element target, int depth) {
      Optional<String> href = safeHref(source.attr("href"));
      if (href.isEmpty()) {
        copyChildren(source, target, depth + 1);
        return;
      }
      Element link = target.appendElement("a").attr("href", href.get());
      if (source.hasAttr("title")) {
        link.attr("title", source.attr("title"));
      }
      if (!MAIL_LINK.matcher(href.get()).matches()) {
        link.attr("target", "_blank");
      }
      link.attr("rel", LINK_REL);
      copyChildren(source, link, depth + 1);
    }

    private void orderedList(Element source, Element target, int depth) {
      Element list = target.appendElement("ol");
      integer(source.attr("start"), -1_000_000, 1_000_000).ifPresent(v -> list.attr("start", v));
      if (LIST_TYPES.contains(source.attr("type"))) {
        list.attr("type", source.attr("type"));
      }
      copyChildren(source, list, depth + 1);
    }

    private void cell(Element source, Element target, int depth) {
      Element cell = target.appendElement(source.normalName());
      integer(source.attr("colspan"), 1, MAX_SPAN).ifPresent(v -> cell.attr("colspan", v));
      integer(source.attr("rowspan"), 1, MAX_SPAN).ifPresent(v -> cell.attr("rowspan", v));
      String widths = source.attr("colwidth").strip();
      if (COLUMN_WIDTHS.matcher(widths).matches()) {
        cell.attr("colwidth", widths);
      }
      copyChildren(source, cell, depth + 1);
    }

    private void image(Element source, Element target) {
      int number = ++imageCount;
      String src = source.attr("src");
      Optional<InlineImage> inline = Optional.empty();
      Optional<String> mediaId = Optional.empty();
      if (InlineImage.isDataUrl(src)) {
        inline = InlineImage.decode(src, number);
      } else {
        mediaId = MediaUrls.mediaId(src);
      }
      if (inline.isEmpty() && mediaId.isEmpty()) {
        return;
      }
      Element image = target.appendElement("img");
      if (mediaId.isPresent()) {
        mediaIds.add(mediaId.get());
        image.attr("src", MediaUrls.path(mediaId.get()));
      } else {
        // The source is set once the store has the image, after the whole document passed.
        pendingImages.add(new PendingImage(inline.get(), number, image));
      }
      for (String text : List.of("alt", "title")) {
        if (source.hasAttr(text)) {
          image.attr(text, source.attr(text));
        }
      }
      dimensions(source, image);
    }

    private void video(Element source, Element target) {
      Optional<String> mediaId = MediaUrls.mediaId(source.attr("src"));
      for (Element child : source.children()) {
        if (mediaId.isPresent()) {
          break;
        }
        if (child.normalName().equals("source")) {
          mediaId = MediaUrls.mediaId(child.attr("src"));
        }
      }
      if (mediaId.isEmpty()) {
        return;
      }
      mediaIds.add(mediaId.get());
      Element video = target.appendElement("video").attr("src", MediaUrls.path(mediaId.get()));
      MediaUrls.mediaId(source.attr("poster"))
          .ifPresent(
              poster -> {
                mediaIds.add(poster);
                video.attr("poster", MediaUrls.path(poster));
              });
      dimensions(source, video);
      // Never autoplay; always let the reader stop it.
      video.attr("controls", true);
    }

    private void chart(Element source, Element target) {
      int number = ++chartCount;
      String figure = source.attr("data-figure");
      if (figure.isBlank()) {
        throw new RichTextException("Chart " + number + ": the chart has no figure.");
      }
      Element chart =
          target
              .appendElement("div")
              .attr("data-type", "chart")
              .attr("data-figure", charts.canonical(figure, number));
      String caption = source.attr("data-caption").strip();
      if (caption.length() > MAX_CAPTION) {
        throw new RichTextException(
            "Chart " + number + ": the caption is longer than " + MAX_CAPTION + " characters.");
      }
      if (!caption.isEmpty()) {
        chart.attr("data-caption", caption);
      }
      String origin = source.attr("data-source");
      if (!origin.isBlank()) {
        chart.attr("data-source", ChartSource.canonical(origin, number));
        // Only an imported chart can be "edited by hand": the mark tells it from its source.
        if ("true".equals(source.attr("data-edited"))) {
          chart.attr("data-edited", "true");
        }
      }
    }

    private String store(PendingImage pending, InlineImageStore inlineImages) {
      String image = "Image " + pending.number() + ": ";
      if (inlineImages == null) {
        throw new RichTextException(
            image + "inline images are not accepted here; upload the image as media instead.");
      }
      String id;
      try {
        id = inlineImages.store(pending.image().contentType(), pending.image().bytes());
      } catch (RichTextException refused) {
        throw new RichTextException(image + refused.getMessage(), refused);
      }
      if (!MediaUrls.isMediaId(id)) {
        throw new IllegalStateException("The inline image store returned a malformed media id");
      }
      return id;
    }
  }

  /** An inline image waiting for the document to pass before it is stored. */
  private record PendingImage(InlineImage image, int number, Element target) {}

  /**
   * The href a link may keep: http, https or mailto, nothing hidden by control characters. Browsers
   * strip leading spaces and controls and drop tabs and line breaks anywhere before reading the
   * scheme; refusing any control character means the scheme seen here is the one a browser sees.
   */
  static Optional<String> safeHref(String raw) {
    String url = Text.stripControlsAndSpaces(raw);
    if (Text.hasControl(url)) {
      return Optional.empty();
    }
    if (WEB_LINK.matcher(url).matches() || MAIL_LINK.matcher(url).matches()) {
      return Optional.of(url);
    }
    return Optional.empty();
  }

  private static void dimensions(Element source, Element target) {
    for (String dimension : List.of("width", "height")) {
      integer(source.attr(dimension), 1, MAX_DIMENSION).ifPresent(v -> target.attr(dimension, v));
    }
  }

  private static Set<String> words(String list) {
    return Set.of(list.split(" "));
  }

  private static Optional<String> integer(String raw, int min, int max) {
    String value = raw.strip();
    if (!INTEGER.matcher(value).matches()) {
      return Optional.empty();
    }
    int number = Integer.parseInt(value);
    return number < min || number > max ? Optional.empty() : Optional.of(Integer.toString(number));
  }
}
