package org.aiappstore.app.model.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The issue's bar: no vector of the XSS corpus survives, and a real model card does, intact. */
class SanitizerCorpusTest {

  private final RichTextSanitizer sanitizer =
      new RichTextSanitizer(ChartPolicy.defaults(), 1_000_000);

  static String resource(String name) {
    try (InputStream in = SanitizerCorpusTest.class.getResourceAsStream("/sanitizer/" + name)) {
      assertThat(in).as("resource %s", name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final Pattern ESCAPE = Pattern.compile("\\{\\{(TAB|LF|CR|NUL|U\\+[0-9A-F]{4})}}");

  /** The corpus file, one vector per line, with {@code {{TAB}}}-style escapes resolved. */
  static List<String> xssVectors() {
    List<String> vectors = new ArrayList<>();
    for (String line : resource("xss-vectors.txt").split("\n", -1)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher escape = ESCAPE.matcher(line);
      vectors.add(
          escape.replaceAll(
              match ->
                  switch (match.group(1)) {
                    case "TAB" -> "\t";
                    case "LF" -> "\n";
                    case "CR" -> "\r";
                    case "NUL" -> "\u0000";
                    default ->
                        Matcher.quoteReplacement(
                            Character.toString(Integer.parseInt(match.group(1).substring(2), 16)));
                  }));
    }
    return vectors;
  }

  static Stream<Arguments> vectors() {
    List<String> vectors = xssVectors();
    return Stream.iterate(0, i -> i < vectors.size(), i -> i + 1)
        .map(i -> Arguments.of(i + 1, vectors.get(i)));
  }

  @Nested
  class WhenFacingTheXssCorpus {

    @Test
    void shouldHoldAtLeastSeventyVectors() {
      assertThat(xssVectors()).hasSizeGreaterThanOrEqualTo(70).doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "vector {0}: {1}")
    @MethodSource("org.aiappstore.app.model.content.SanitizerCorpusTest#vectors")
    void shouldLetNoVectorSurvive(int number, String vector) {
      SanitizedDocument clean;
      try {
        clean = sanitizer.sanitize(vector, new InMemoryImageStore());
      } catch (RichTextException refused) {
        // Refusing is the answer for figures and inline data only; markup is cleaned, not refused.
        String lower = vector.toLowerCase(Locale.ROOT);
        assertThat(lower.contains("data-type=\"chart\"") || lower.contains("data:"))
            .as(
                "vector %d was refused (%s) but carries neither a chart nor a data: URL",
                number, refused.getMessage())
            .isTrue();
        return;
      }
      assertThat(SafeHtml.violations(clean.html())).as("output: %s", clean.html()).isEmpty();
      assertThat(sanitizer.sanitize(clean.html(), null).html())
          .as("sanitizing the output again")
          .isEqualTo(clean.html());
    }

    @Test
    void shouldRefuseEveryChartThatCarriesHtmlOrAnActiveUrl() {
      List<String> charts =
          xssVectors().stream()
              .filter(vector -> vector.startsWith("<div data-type=\"chart\""))
              .filter(vector -> !vector.contains("data-figure='{\"data\":[]}'"))
              .toList();
      assertThat(charts).hasSizeGreaterThanOrEqualTo(15);
      for (String chart : charts) {
        assertThatThrownBy(() -> sanitizer.sanitize(chart, null))
            .as(chart)
            .isInstanceOf(RichTextException.class)
            .hasMessageStartingWith("Chart 1: ");
      }
    }
  }

  /** The corpus test is only as good as its check: make sure the check sees what it must. */
  @Nested
  class WhenCheckingAnOutput {

    @ParameterizedTest
    @ValueSource(
        strings = {
          "<img src=\"/api/v1/media/3f1b6a9e-8c2d-4e5f-9a7b-1c2d3e4f5a6b\" onerror=\"x\">",
          "<a href=\" JavaScript:alert(1)\">x</a>",
          "<a href=\"java&#9;script:alert(1)\">x</a>",
          "<a href=\"&#1;vbscript:x\">x</a>",
          "<img src=\"data:image/png;base64,AAAA\">",
          "<img src=\"https://evil.example/x.png\">",
          "<video src=\"/api/v1/media/3f1b6a9e-8c2d-4e5f-9a7b-1c2d3e4f5a6b\" poster=\"x\">",
          "<p style=\"x\">x</p>",
          "<p class=\"x\">x</p>",
          "<svg></svg>",
          "<math></math>",
          "<form></form>",
          "<span>x</span>",
          "<div>x</div>",
          "<div data-type=\"chart\" data-figure=\"{&quot;t&quot;:&quot;&lt;b&gt;&quot;}\"></div>",
          "<p>x<!-- comment --></p>"
        })
    void shouldFlagWhatMustNotSurvive(String html) {
      assertThat(SafeHtml.violations(html)).isNotEmpty();
    }

    @Test
    void shouldPassWhatMaySurvive() {
      assertThat(SafeHtml.violations(resource("model-card.html"))).isEmpty();
    }
  }

  @Nested
  class WhenTheDocumentIsALegitimateModelCard {

    private final String card = resource("model-card.html");
    private final SanitizedDocument clean = sanitizer.sanitize(card, null);
    private final Element body = Jsoup.parseBodyFragment(clean.html()).body();

    @Test
    void shouldKeepEveryElementInItsPlace() {
      assertThat(tagNames(body)).isEqualTo(tagNames(Jsoup.parseBodyFragment(card).body()));
      assertThat(body.text()).isEqualTo(Jsoup.parseBodyFragment(card).body().text());
    }

    @Test
    void shouldBeSafe() {
      assertThat(SafeHtml.violations(clean.html())).isEmpty();
    }

    @Test
    void shouldKeepHeadingsMarksAndLists() {
      assertSoftly(
          soft -> {
            soft.assertThat(body.select("h1, h2, h3, h4").eachText())
                .containsExactly(
                    "Sentiment classifier v2", "Intended use", "Evaluation", "Latency");
            soft.assertThat(
                    body.selectFirst("p").select("strong, b, em, i, u, s, strike, code").eachText())
                .containsExactly(
                    "DistilBERT",
                    "product reviews",
                    "bold",
                    "italic",
                    "underlined",
                    "struck",
                    "old-struck",
                    "inline code");
            soft.assertThat(body.select("ul > li > ul > li").text())
                .isEqualTo("never for automatic removal");
            soft.assertThat(body.selectFirst("ol").attr("start")).isEqualTo("3");
            soft.assertThat(body.select("blockquote").text())
                .isEqualTo("Scores on the held-out 2024 split; 5 < n & n > 3.");
            soft.assertThat(body.select("pre > code").first().wholeText())
                .contains("pipeline(\"sentiment-analysis\"", "[\"score\"] < 1");
            soft.assertThat(body.select("hr, br")).hasSize(2);
          });
    }

    @Test
    void shouldKeepLinksWithForcedRel() {
      Elements links = body.select("a");
      assertSoftly(
          soft -> {
            soft.assertThat(links.eachAttr("href"))
                .containsExactly(
                    "https://arxiv.org/abs/1910.01108",
                    "mailto:ml-team@example.org?subject=Sentiment%20v2");
            soft.assertThat(links.eachAttr("rel"))
                .containsOnly(RichTextSanitizer.LINK_REL)
                .hasSize(2);
            soft.assertThat(links.get(0).attr("target")).isEqualTo("_blank");
            soft.assertThat(links.get(1).hasAttr("target")).isFalse();
          });
    }

    @Test
    void shouldKeepTheTableWithItsSpansAndWidths() {
      Element table = body.selectFirst("table");
      assertSoftly(
          soft -> {
            soft.assertThat(table.select("tr")).hasSize(3);
            soft.assertThat(table.select("th")).hasSize(4);
            soft.assertThat(table.select("td").eachText()).containsExactly("test", "0.93", "0.91");
            soft.assertThat(table.select("th[colspan=2]").text()).isEqualTo("Scores");
            soft.assertThat(table.select("th[rowspan=2]").attr("colwidth")).isEqualTo("180");
            soft.assertThat(table.select("td[colwidth]").text()).isEqualTo("0.91");
          });
    }

    @Test
    void shouldKeepTheImageAndTheVideo() {
      Element image = body.selectFirst("img");
      Element video = body.selectFirst("video");
      assertSoftly(
          soft -> {
            soft.assertThat(image.attr("src"))
                .isEqualTo("/api/v1/media/0b6c1f0e-2a43-4c8e-9d3a-5f7e8a9b0c1d");
            soft.assertThat(image.attr("alt")).isEqualTo("Confusion matrix");
            soft.assertThat(image.attr("title")).isEqualTo("Confusion matrix on the test split");
            soft.assertThat(image.attr("width")).isEqualTo("640");
            soft.assertThat(image.attr("height")).isEqualTo("480");
            soft.assertThat(video.attr("src"))
                .isEqualTo("/api/v1/media/7d2e4f60-1b3c-4a5d-8e9f-0a1b2c3d4e5f");
            soft.assertThat(video.attr("poster"))
                .isEqualTo("/api/v1/media/9a8b7c6d-5e4f-4321-8fed-cba987654321");
            soft.assertThat(video.hasAttr("controls")).isTrue();
          });
    }

    @Test
    void shouldKeepBothChartsWithTheSameFigures() {
      Elements charts = body.select("div[data-type=chart]");
      Elements original = Jsoup.parseBodyFragment(card).body().select("div[data-type=chart]");
      assertThat(charts).hasSize(2);
      for (int i = 0; i < 2; i++) {
        assertThat(json(charts.get(i).attr("data-figure")))
            .isEqualTo(json(original.get(i).attr("data-figure")));
      }
      assertThat(charts.eachAttr("data-caption")).containsExactly("Validation accuracy by epoch");
    }

    @Test
    void shouldCollectTheMediaItReferencesInOrder() {
      assertThat(clean.mediaIds())
          .containsExactly(
              "0b6c1f0e-2a43-4c8e-9d3a-5f7e8a9b0c1d",
              "7d2e4f60-1b3c-4a5d-8e9f-0a1b2c3d4e5f",
              "9a8b7c6d-5e4f-4321-8fed-cba987654321");
    }

    @Test
    void shouldGiveTheSameOutputWhenSanitizedAgain() {
      SanitizedDocument again = sanitizer.sanitize(clean.html(), null);
      assertThat(again.html()).isEqualTo(clean.html());
      assertThat(again.mediaIds()).isEqualTo(clean.mediaIds());
    }

    @Test
    void shouldGiveTheSameOutputForTheSameInput() {
      assertThat(sanitizer.sanitize(card, null).html()).isEqualTo(clean.html());
    }

    private static JsonObject json(String text) {
      return Json.createReader(new StringReader(text)).readObject();
    }

    private static String tagNames(Element body) {
      return body.select("*").stream().map(Element::normalName).collect(Collectors.joining(" "));
    }
  }
}
