package org.aiappstore.app.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.aiappstore.app.model.content.ChartPolicy;
import org.aiappstore.app.model.content.RichTextSanitizer;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HtmlTextTest {

  private static final RichTextSanitizer SANITIZER =
      new RichTextSanitizer(ChartPolicy.defaults(), 1_000_000);

  /** What the index sees of a document the sanitizer let through. */
  private static String indexed(String html) {
    return HtmlText.of(SANITIZER.sanitize(html, (type, bytes) -> "x").html()).text();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "<h2>Overview</h2><p>Hello <strong>bold</strong> world &amp; friends &lt;3</p>",
        "<p>im<b>port</b>ant</p><ul><li>one</li><li>two</li></ul>",
        "<table><thead><tr><th>Dataset</th><th>F1</th></tr></thead>"
            + "<tbody><tr><td>COCO</td><td>0.5</td></tr></tbody></table>",
        "<p>Caf&eacute; &#233; &#x00e9; non&nbsp;breaking \"quotes\" 'single' &copy; ©</p>",
        "<pre><code>x = a &gt; b\n  y</code></pre><blockquote>quoted</blockquote><hr><p>a<br>b</p>",
        "<p>C++ and C# <a href=\"https://example.org/?a=1&b=2\">link text</a></p>"
      })
  void shouldSeeTheSameWordsAsJsoupsTextOfTheSanitizedDocument(String html) {
    String sanitized = SANITIZER.sanitize(html, (type, bytes) -> "x").html();

    // The same words; jsoup keeps the line breaks of <pre>, the index does not need them.
    assertThat(indexed(html).split(" "))
        .containsExactly(Jsoup.parseBodyFragment(sanitized).body().text().split("\\s+"));
  }

  @Test
  void shouldAddChartCaptionsAndImageDescriptionsAndNoticeVideos() {
    String html =
        "<p>Text</p><div data-type=\"chart\" data-figure=\"{&quot;data&quot;:[]}\""
            + " data-caption=\"Accuracy &amp; loss &gt; epochs\"></div>"
            + "<p><img src=\"/api/v1/media/6f1c2b9e-0000-4000-8000-000000000000\" alt=\"A heron\"></p>";

    HtmlText.Extracted extracted = HtmlText.of(html, "<video src=\"/api/v1/media/x\"></video>");

    assertThat(extracted.text()).isEqualTo("Text Accuracy & loss > epochs A heron");
    assertThat(extracted.hasVideo()).isTrue();
    assertThat(HtmlText.of("<p>no video</p>", "").hasVideo()).isFalse();
  }

  @Test
  void shouldGiveNothingForNoDocuments() {
    assertThat(HtmlText.of("", null).text()).isEmpty();
  }
}
