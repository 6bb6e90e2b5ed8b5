package org.aiappstore.app.model.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.util.Base64;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class RichTextSanitizerTest {

  static final String IMAGE_ID = "0b6c1f0e-2a43-4c8e-9d3a-5f7e8a9b0c1d";
  static final String VIDEO_ID = "7d2e4f60-1b3c-4a5d-8e9f-0a1b2c3d4e5f";
  static final String POSTER_ID = "9a8b7c6d-5e4f-4321-8fed-cba987654321";
  static final String IMAGE = "/api/v1/media/" + IMAGE_ID;
  static final String VIDEO = "/api/v1/media/" + VIDEO_ID;
  static final String POSTER = "/api/v1/media/" + POSTER_ID;

  /** The start of a PNG file; the sanitizer does not look inside, the media service does. */
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};

  private final RichTextSanitizer sanitizer = new RichTextSanitizer(ChartPolicy.defaults(), 10_000);

  private String clean(String html) {
    return sanitizer.sanitize(html, null).html();
  }

  private static Element parsed(String html) {
    return Jsoup.parseBodyFragment(html).body();
  }

  @Nested
  class WhenTheDocumentIsEmptyOrTooLong {

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "\n\t"})
    void shouldGiveAnEmptyDocumentForNothing(String html) {
      SanitizedDocument document = sanitizer.sanitize(html, null);
      assertThat(document.html()).isEmpty();
      assertThat(document.mediaIds()).isEmpty();
    }

    @Test
    void shouldRefuseADocumentLongerThanTheLimit() {
      String html = "<p>" + "x".repeat(10_000) + "</p>";
      assertThatThrownBy(() -> sanitizer.sanitize(html, null))
          .isInstanceOf(RichTextException.class)
          .hasMessage("The document is longer than 10000 characters (10007).");
    }

    @Test
    void shouldAcceptADocumentOfExactlyTheLimit() {
      String html = "<p>" + "x".repeat(10_000 - 7) + "</p>";
      assertThat(clean(html)).isEqualTo(html);
    }

    @Test
    void shouldAnswerARefusalAsA422Problem() {
      assertThat(new RichTextException("x").errorCode().httpStatus()).isEqualTo(422);
      assertThat(new RichTextException("x").errorCode().id()).isEqualTo("RICH_TEXT_REFUSED");
    }
  }

  @Nested
  class WhenFilteringElements {

    @Test
    void shouldKeepAllowedElementsAsTheyAre() {
      String html =
          "<h1>a</h1><h2>b</h2><h3>c</h3><h4>d</h4>"
              + "<p><strong>e</strong><b>f</b><em>g</em><i>h</i><u>i</u><s>j</s><strike>k</strike>"
              + "<code>l</code><br></p><hr><pre><code>m</code></pre>"
              + "<blockquote><p>n</p></blockquote>"
              + "<ul><li>o</li></ul><ol><li>p</li></ol>";
      assertThat(clean(html)).isEqualTo(html);
    }

    @Test
    void shouldTurnDeepHeadingsIntoTheDeepestTheEditorOffers() {
      assertThat(clean("<h5>five</h5><h6>six</h6>")).isEqualTo("<h4>five</h4><h4>six</h4>");
    }

    @Test
    void shouldUnwrapUnknownElementsAndKeepTheirText() {
      assertThat(
              clean("<p><span style=\"color:red\">red</span> <font>old</font> <mark>m</mark></p>"))
          .isEqualTo("<p>red old m</p>");
      assertThat(clean("<section><div class=\"x\"><p>inside</p></div></section>"))
          .isEqualTo("<p>inside</p>");
    }

    @ParameterizedTest(name = "<{0}>{1}</{0}>")
    @CsvSource(
        delimiter = '|',
        value = {
          "script|alert('hidden')",
          "style|p { color: red } /* hidden */",
          "iframe|<p>hidden</p>",
          "object|<p>hidden</p>secret",
          "svg|<text>hidden</text><desc>secret</desc>",
          "math|<mi>hidden</mi><mtext>secret</mtext>",
          "template|<p>hidden</p>secret",
          "noscript|<p>hidden</p>secret",
          "textarea|<p>hidden</p>secret",
          "select|<option>hidden</option>",
          "noembed|<p>hidden</p>",
          "noframes|<p>hidden</p>",
          "xmp|<p>hidden</p>",
          "title|hidden",
          "applet|<p>hidden</p>secret",
          "canvas|<p>hidden</p>secret",
          "audio|<p>hidden</p>secret"
        })
    void shouldDropTheContentOfActiveElementsEntirely(String tag, String content) {
      assertThat(clean("<p>before</p><" + tag + ">" + content + "</" + tag + "><p>after</p>"))
          .isEqualTo("<p>before</p><p>after</p>");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "<embed src=\"x.swf\">", "<input value=\"hidden\">", "<meta charset=\"x\">",
          "<link rel=\"x\">", "<base href=\"x\">", "<param name=\"x\">"
        })
    void shouldDropVoidActiveElements(String element) {
      assertThat(clean("<p>a" + element + "b</p>")).isEqualTo("<p>ab</p>");
    }

    @Test
    void shouldDropCommentsAndEveryOtherAttribute() {
      assertThat(
              clean(
                  "<!-- note --><p id=\"a\" class=\"b\" style=\"c\" onclick=\"d\" data-x=\"e\""
                      + " dir=\"rtl\" lang=\"en\">text</p>"))
          .isEqualTo("<p>text</p>");
    }

    @Test
    void shouldEscapeTextSoItStaysText() {
      assertThat(clean("<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;</p>"))
          .isEqualTo("<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; \"</p>");
    }

    @Test
    void shouldKeepLeadingNewlinesOfPreformattedText() {
      String html = "<pre>\n\n  indented</pre>";
      assertThat(parsed(clean(html)).selectFirst("pre").wholeText()).isEqualTo("\n  indented");
      assertThat(clean(clean(html))).isEqualTo(clean(html));
    }

    @Test
    void shouldKeepIntegerListStartsAndKnownListTypesOnly() {
      assertSoftly(
          soft -> {
            soft.assertThat(clean("<ol start=\"4\" type=\"a\"><li>x</li></ol>"))
                .isEqualTo("<ol start=\"4\" type=\"a\"><li>x</li></ol>");
            soft.assertThat(clean("<ol start=\" +07 \"><li>x</li></ol>"))
                .isEqualTo("<ol start=\"7\"><li>x</li></ol>");
            soft.assertThat(clean("<ol start=\"1e3\" type=\"disc\"><li>x</li></ol>"))
                .isEqualTo("<ol><li>x</li></ol>");
            soft.assertThat(clean("<ol start=\"javascript:1\"><li>x</li></ol>"))
                .isEqualTo("<ol><li>x</li></ol>");
          });
    }

    @Test
    void shouldKeepSmallPositiveSpansAndColumnWidths() {
      String html =
          "<table><tbody><tr><td colspan=\"2\" rowspan=\"3\" colwidth=\"120,80\">a</td>"
              + "<td colspan=\"0\" rowspan=\"101\" colwidth=\"1px\">b</td>"
              + "<td colspan=\"-1\" rowspan=\"x\">c</td></tr></tbody></table>";
      assertThat(clean(html))
          .isEqualTo(
              "<table><tbody><tr><td colspan=\"2\" rowspan=\"3\" colwidth=\"120,80\">a</td>"
                  + "<td>b</td><td>c</td></tr></tbody></table>");
    }

    @Test
    void shouldDropWhatATableCannotHoldInsteadOfMovingItOutside() {
      String html =
          "<table><caption>cap</caption><colgroup><col></colgroup>"
              + "<thead><tr><th>h</th></tr></thead><tbody><tr><td>b</td></tr></tbody>"
              + "<tfoot><tr><td>f</td></tr></tfoot></table>";
      assertThat(clean(html))
          .isEqualTo(
              "<table><thead><tr><th>h</th></tr></thead><tbody><tr><td>b</td></tr></tbody>"
                  + "<tbody><tr><td>f</td></tr></tbody></table>");
    }

    @Test
    void shouldSettleStructureThatUnwrappingWouldLeaveForTheBrowserToRearrange() {
      // A button may hold a paragraph inside a paragraph; without the button, a parser splits them.
      String html = "<p>a<button><p>b</p></button>c</p>";
      String once = clean(html);
      assertThat(once).isEqualTo(clean(once));
      assertThat(parsed(once).select("p p")).isEmpty();
    }

    @Test
    void shouldDropElementsNestedBeyondAnyRealDocument() {
      String html = "<em>".repeat(600) + "deep" + "</em>".repeat(600);
      String once = clean(html);
      assertThat(once).isEqualTo(clean(once));
      assertThat(parsed(once).select("em").size()).isLessThanOrEqualTo(300);
    }
  }

  @Nested
  class WhenCheckingLinks {

    @ParameterizedTest
    @ValueSource(
        strings = {
          "https://example.org/a?b=c#d",
          "http://example.org",
          "HTTPS://EXAMPLE.ORG/",
          "https://user@example.org:8443/path with space"
        })
    void shouldKeepWebLinksOpeningInANewTabWithoutOpenerReferrerOrEndorsement(String href) {
      Element link =
          parsed(clean("<p><a href=\"" + href + "\" target=\"_self\">x</a></p>")).child(0).child(0);
      assertSoftly(
          soft -> {
            soft.assertThat(link.attr("href")).isEqualTo(href);
            soft.assertThat(link.attr("target")).isEqualTo("_blank");
            soft.assertThat(link.attr("rel")).isEqualTo("noopener noreferrer nofollow");
          });
    }

    @Test
    void shouldReplaceTheRelTheAuthorGave() {
      assertThat(clean("<a href=\"https://example.org\" rel=\"opener\">x</a>"))
          .isEqualTo(
              "<a href=\"https://example.org\" target=\"_blank\" rel=\"noopener noreferrer"
                  + " nofollow\">x</a>");
    }

    @Test
    void shouldKeepMailLinksWithoutANewTab() {
      assertThat(clean("<a href=\"mailto:team@example.org\" title=\"Write to us\">mail</a>"))
          .isEqualTo(
              "<a href=\"mailto:team@example.org\" title=\"Write to us\" rel=\"noopener noreferrer"
                  + " nofollow\">mail</a>");
    }

    @Test
    void shouldTrimSpacesAroundAnAllowedHref() {
      assertThat(
              parsed(clean("<a href=\"  https://example.org/ \">x</a>"))
                  .selectFirst("a")
                  .attr("href"))
          .isEqualTo("https://example.org/");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "javascript:alert(1)",
          " JavaScript:alert(1)",
          "java&#x09;script:alert(1)",
          "&#106;avascript:alert(1)",
          "javascript&colon;alert(1)",
          "vbscript:msgbox(1)",
          "data:text/html,x",
          "/relative/path",
          "relative",
          "#fragment",
          "//example.org/protocol-relative",
          "ftp://example.org/file",
          "tel:+123",
          "https:",
          "https://",
          "https://example.org/&#x0A;javascript:",
          "mailto:"
        })
    void shouldDropAnyOtherHrefAndKeepTheText(String href) {
      assertThat(clean("<p><a href=\"" + href + "\">text</a></p>")).isEqualTo("<p>text</p>");
    }

    @Test
    void shouldUnwrapAnAnchorWithoutHref() {
      assertThat(clean("<p><a name=\"top\">text</a></p>")).isEqualTo("<p>text</p>");
    }
  }

  @Nested
  class WhenCheckingMediaSources {

    @Test
    void shouldKeepARelativeMediaPathAndCollectItsId() {
      SanitizedDocument document =
          sanitizer.sanitize("<p><img src=\"" + IMAGE + "\" alt=\"A chart\"></p>", null);
      assertThat(document.html()).isEqualTo("<p><img src=\"" + IMAGE + "\" alt=\"A chart\"></p>");
      assertThat(document.mediaIds()).containsExactly(IMAGE_ID);
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          IMAGE + "?expires=1767225600&signature=abc",
          IMAGE + "#frag",
          IMAGE + "?a=1#b",
          "https://models.example.org" + IMAGE,
          "http://localhost:9080" + IMAGE + "?sig=x",
          "HTTPS://models.example.org" + IMAGE,
          "  " + IMAGE + "  "
        })
    void shouldStoreTheBareRelativePath(String src) {
      assertThat(clean("<img src=\"" + src.replace("&", "&amp;") + "\">"))
          .isEqualTo("<img src=\"" + IMAGE + "\">");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "https://evil.example/cat.png",
          "//evil.example" + IMAGE,
          "/api/v1/media/../users/me",
          "/api/v1/media/%2e%2e/users",
          "/api/v1/media/0B6C1F0E-2A43-4C8E-9D3A-5F7E8A9B0C1D",
          IMAGE + "/../../users",
          IMAGE + "/",
          "/api/v1/media/" + IMAGE_ID + "x",
          "/api/v1/media/not-a-uuid",
          "/API/v1/media/" + IMAGE_ID,
          "/api/v1//media/" + IMAGE_ID,
          "api/v1/media/" + IMAGE_ID,
          "javascript:" + IMAGE,
          "https://evil.example/x" + IMAGE,
          "https://evil.example\\" + IMAGE,
          "ftp://evil.example" + IMAGE,
          ""
        })
    void shouldDropAnImageWithAnyOtherSource(String src) {
      SanitizedDocument document =
          sanitizer.sanitize("<p>a<img src=\"" + src + "\" alt=\"x\">b</p>", null);
      assertThat(document.html()).isEqualTo("<p>ab</p>");
      assertThat(document.mediaIds()).isEmpty();
    }

    @Test
    void shouldDropAnImageWithoutSource() {
      assertThat(clean("<p><img alt=\"x\"></p>")).isEqualTo("<p></p>");
    }

    @Test
    void shouldKeepOnlyTextAndIntegerDimensionsOnImages() {
      assertThat(
              clean(
                  "<img src=\""
                      + IMAGE
                      + "\" alt=\"a &quot;b&quot;\" title=\"t\" width=\"320\" height=\"50%\""
                      + " srcset=\"x 2x\" loading=\"lazy\" onerror=\"x\">"))
          .isEqualTo(
              "<img src=\"" + IMAGE + "\" alt=\"a &quot;b&quot;\" title=\"t\" width=\"320\">");
    }

    @Test
    void shouldAlwaysGiveVideosControlsAndNeverAutoplay() {
      assertThat(
              clean(
                  "<video src=\""
                      + VIDEO
                      + "?sig=1\" autoplay muted loop playsinline preload=\"auto\" width=\"640\""
                      + " height=\"360\"><track src=\"x.vtt\">fallback</video>"))
          .isEqualTo("<video src=\"" + VIDEO + "\" width=\"640\" height=\"360\" controls></video>");
    }

    @Test
    void shouldKeepAPosterOnlyWhenItIsMediaToo() {
      SanitizedDocument document =
          sanitizer.sanitize(
              "<video src=\""
                  + VIDEO
                  + "\" poster=\"https://x.example"
                  + POSTER
                  + "\"></video>"
                  + "<video src=\""
                  + VIDEO
                  + "\" poster=\"https://evil.example/p.png\"></video>",
              null);
      assertThat(document.html())
          .isEqualTo(
              "<video src=\""
                  + VIDEO
                  + "\" poster=\""
                  + POSTER
                  + "\" controls></video>"
                  + "<video src=\""
                  + VIDEO
                  + "\" controls></video>");
      assertThat(document.mediaIds()).containsExactly(VIDEO_ID, POSTER_ID);
    }

    @Test
    void shouldTakeAVideoSourceFromItsFirstMediaSourceChild() {
      assertThat(
              clean(
                  "<video><source src=\"https://evil.example/v.mp4\"><source src=\""
                      + VIDEO
                      + "\" type=\"video/mp4\"></video>"))
          .isEqualTo("<video src=\"" + VIDEO + "\" controls></video>");
    }

    @Test
    void shouldDropAVideoWithoutMediaSource() {
      assertThat(clean("<p>a</p><video src=\"https://evil.example/v.mp4\">text</video><p>b</p>"))
          .isEqualTo("<p>a</p><p>b</p>");
    }

    @Test
    void shouldCollectEachReferencedMediaIdOnceInDocumentOrder() {
      SanitizedDocument document =
          sanitizer.sanitize(
              "<img src=\"" + POSTER + "\"><img src=\"" + IMAGE + "\"><img src=\"" + POSTER + "\">",
              null);
      assertThat(document.mediaIds()).containsExactly(POSTER_ID, IMAGE_ID);
    }
  }

  @Nested
  class WhenImagesAreInline {

    private final InMemoryImageStore store = new InMemoryImageStore(100);

    private String dataUrl(String type, byte[] bytes) {
      return "data:" + type + ";base64," + Base64.getEncoder().encodeToString(bytes);
    }

    @Test
    void shouldMoveTheImageIntoMediaAndReferenceIt() {
      SanitizedDocument document =
          sanitizer.sanitize(
              "<p><img src=\"" + dataUrl("image/png", PNG) + "\" alt=\"pasted\"></p>", store);
      assertThat(store.stored()).hasSize(1);
      InMemoryImageStore.Stored stored = store.stored().get(0);
      assertSoftly(
          soft -> {
            soft.assertThat(stored.contentType()).isEqualTo("image/png");
            soft.assertThat(stored.bytes()).isEqualTo(PNG);
            soft.assertThat(document.html())
                .isEqualTo("<p><img src=\"/api/v1/media/" + stored.id() + "\" alt=\"pasted\"></p>");
            soft.assertThat(document.mediaIds()).containsExactly(stored.id());
          });
    }

    @ParameterizedTest
    @ValueSource(
        strings = {"image/png", "image/jpeg", "image/gif", "image/webp", "IMAGE/PNG", "image/jpg"})
    void shouldAcceptTheImageTypesOfMedia(String type) {
      String html = sanitizer.sanitize("<img src=\"" + dataUrl(type, PNG) + "\">", store).html();
      assertThat(html).doesNotContain("data:").matches("<img src=\"/api/v1/media/[0-9a-f-]{36}\">");
      assertThat(store.stored().get(0).contentType())
          .isIn("image/png", "image/jpeg", "image/gif", "image/webp");
    }

    @Test
    void shouldReadLineWrappedBase64AndParameters() {
      String encoded = Base64.getMimeEncoder(8, "\r\n".getBytes()).encodeToString(PNG);
      sanitizer.sanitize(
          "<img src=\"data:image/png;name=pasted.png;base64,"
              + encoded.replace("\r\n", "&#13;&#10;")
              + "\">",
          store);
      assertThat(store.stored().get(0).bytes()).isEqualTo(PNG);
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=",
          "data:image/svg+xml,<svg onload=alert(1)>",
          "data:text/html;base64,PHNjcmlwdD48L3NjcmlwdD4=",
          "data:application/octet-stream;base64,AAAA",
          "data:,hello",
          "data:image/png"
        })
    void shouldDropOtherDataUrlsWithoutStoringThem(String src) {
      assertThat(sanitizer.sanitize("<p><img src=\"" + src + "\"></p>", store).html())
          .isEqualTo("<p></p>");
      assertThat(store.stored()).isEmpty();
    }

    @Test
    void shouldRefuseMalformedBase64() {
      assertThatThrownBy(
              () -> sanitizer.sanitize("<img src=\"data:image/png;base64,iVBOR*w0\">", store))
          .isInstanceOf(RichTextException.class)
          .hasMessage("Image 1: the inline image is not valid base64.");
    }

    @Test
    void shouldRefuseAnImageThatIsNotBase64Encoded() {
      assertThatThrownBy(() -> sanitizer.sanitize("<img src=\"data:image/png,%89PNG\">", store))
          .isInstanceOf(RichTextException.class)
          .hasMessage("Image 1: the inline image is not base64-encoded.");
    }

    @Test
    void shouldReportTheStoresRefusalWithTheImagesPosition() {
      String small = dataUrl("image/png", PNG);
      String large = dataUrl("image/png", new byte[101]);
      assertThatThrownBy(
              () ->
                  sanitizer.sanitize(
                      "<img src=\""
                          + IMAGE
                          + "\"><img src=\""
                          + small
                          + "\"><img src=\""
                          + large
                          + "\">",
                      store))
          .isInstanceOf(RichTextException.class)
          .hasMessage("Image 3: The image is larger than the limit of 100 bytes.")
          .cause()
          .isInstanceOf(RichTextException.class);
    }

    @Test
    void shouldRefuseInlineImagesWhereThereIsNoStore() {
      assertThatThrownBy(
              () -> sanitizer.sanitize("<img src=\"" + dataUrl("image/gif", PNG) + "\">", null))
          .isInstanceOf(RichTextException.class)
          .hasMessageStartingWith("Image 1: inline images are not accepted here");
    }

    @Test
    void shouldStoreNothingWhenTheRestOfTheDocumentIsRefused() {
      String html =
          "<img src=\""
              + dataUrl("image/png", PNG)
              + "\"><div data-type=\"chart\" data-figure=\"{}\"></div>";
      assertThatThrownBy(() -> sanitizer.sanitize(html, store))
          .isInstanceOf(RichTextException.class)
          .hasMessageStartingWith("Chart 1: ");
      assertThat(store.stored()).isEmpty();
    }

    @Test
    void shouldNotTrustAStoreThatAnswersWithSomethingOtherThanAMediaId() {
      InlineImageStore broken = (type, bytes) -> "../../etc/passwd";
      assertThatThrownBy(
              () -> sanitizer.sanitize("<img src=\"" + dataUrl("image/png", PNG) + "\">", broken))
          .isInstanceOf(IllegalStateException.class);
    }
  }
}
