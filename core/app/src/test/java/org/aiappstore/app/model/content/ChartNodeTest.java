package org.aiappstore.app.model.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChartNodeTest {

  private static final String LINE =
      "{\"data\":[{\"type\":\"scatter\",\"x\":[1,2,3],\"y\":[0.5,0.75,0.9],\"name\":\"val\"}],"
          + "\"layout\":{\"title\":{\"text\":\"Accuracy: by epoch\"}}}";

  private final RichTextSanitizer sanitizer =
      new RichTextSanitizer(ChartPolicy.defaults(), 2_000_000);

  /** A chart node as the editor writes it, the figure in a single-quoted attribute. */
  private static String chart(String figure) {
    return "<div data-type=\"chart\" data-figure='" + figure + "'></div>";
  }

  private String clean(String html) {
    return sanitizer.sanitize(html, null).html();
  }

  private String figureOf(String html) {
    Element chart = Jsoup.parseBodyFragment(clean(html)).body().selectFirst("div");
    assertThat(chart).as("a chart in %s", html).isNotNull();
    return chart.attr("data-figure");
  }

  private void assertRefused(String html, String reason) {
    assertThatThrownBy(() -> sanitizer.sanitize(html, null))
        .isInstanceOf(RichTextException.class)
        .hasMessage(reason);
  }

  @Nested
  class WhenTheChartIsValid {

    @Test
    void shouldWriteTheNodeInItsOneAcceptedForm() {
      assertThat(
              clean(
                  "<div class=\"chart\" data-type=\"chart\" data-caption=\" Validation \""
                      + " data-figure='"
                      + LINE
                      + "' style=\"height:9999px\" data-id=\"7\"></div>"))
          .isEqualTo(
              "<div data-type=\"chart\" data-figure=\""
                  + LINE.replace("\"", "&quot;")
                  + "\" data-caption=\"Validation\"></div>");
    }

    @Test
    void shouldWriteTheFigureCompactlyKeepingKeyOrderAndValues() {
      String spaced =
          "{ \"layout\" : { \"showlegend\" : false },\n  \"data\" : [ { \"y\" : [ 1.50, -2e3, 3 ],"
              + " \"type\" : \"bar\", \"visible\" : true, \"text\" : null,"
              + " \"name\" : \"caf\\u00e9 \\\"quoted\\\"\" } ] }";
      assertThat(figureOf(chart(spaced)))
          .isEqualTo(
              "{\"layout\":{\"showlegend\":false},\"data\":[{\"y\":[1.50,-2E+3,3],\"type\":\"bar\","
                  + "\"visible\":true,\"text\":null,\"name\":\"café \\\"quoted\\\"\"}]}");
    }

    @Test
    void shouldAcceptFramesAndAnEmptyDataArray() {
      String figure = "{\"data\":[],\"frames\":[{\"name\":\"f1\",\"data\":[{\"y\":[1]}]}]}";
      assertThat(figureOf(chart(figure))).isEqualTo(figure);
    }

    @Test
    void shouldDropWhatTheNodeHolds() {
      assertThat(
              clean("<div data-type=\"chart\" data-figure='{\"data\":[]}'><p>fallback</p></div>"))
          .isEqualTo("<div data-type=\"chart\" data-figure=\"{&quot;data&quot;:[]}\"></div>");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "Accuracy: 93%",
          "10:30",
          "x: time (s)",
          "https://example.org/logo.png",
          "http://example.org/",
          "%{x}: %{y:.2f} ms",
          "5 &lt; 6",
          "a → b",
          "Data: loss per epoch",
          "data: validation split"
        })
    void shouldAcceptOrdinaryTextAndWebUrls(String text) {
      String figure =
          "{\"data\":[],\"layout\":{\"images\":[{\"source\":\"" + text + "\"}],\"title\":\"t\"}}";
      assertThat(figureOf(chart(figure.replace("&", "&amp;")))).isEqualTo(figure);
    }

    @Test
    void shouldGiveTheSameOutputWhenSanitizedAgain() {
      String once = clean(chart(LINE) + "<p>between</p>" + chart(LINE));
      assertThat(clean(once)).isEqualTo(once);
    }

    @Test
    void shouldTreatOtherDivsAsWrappers() {
      assertThat(clean("<div data-type=\"Chart\" data-figure='{\"data\":[]}'><p>text</p></div>"))
          .isEqualTo("<p>text</p>");
    }

    @Test
    void shouldKeepACaptionOfTheLongestLengthAndDropABlankOne() {
      String longest = "c".repeat(RichTextSanitizer.MAX_CAPTION);
      String html =
          "<div data-type=\"chart\" data-figure='{\"data\":[]}' data-caption=\"" + longest + "\">";
      assertThat(clean(html)).contains("data-caption=\"" + longest + "\"");
      assertThat(clean(html.replace(longest, "  "))).doesNotContain("data-caption");
    }
  }

  @Nested
  class WhenTheChartBreaksARule {

    @Test
    void shouldNameTheChartAndTheFieldThatCarriesHtml() {
      assertRefused(
          chart(LINE) + chart("{\"data\":[],\"layout\":{\"title\":{\"text\":\"<b>bold</b>\"}}}"),
          "Chart 2: the figure's layout.title.text contains HTML.");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
        delimiter = '|',
        value = {
          "{\"data\":[{\"hovertemplate\":\"%{y}<extra></extra>\"}]}"
              + "|Chart 1: the figure's data[0].hovertemplate contains HTML.",
          "{\"data\":[],\"layout\":{\"annotations\":[{},{\"text\":\"a<br>b\"}]}}"
              + "|Chart 1: the figure's layout.annotations[1].text contains HTML.",
          "{\"data\":[],\"layout\":{\"yaxis\":{\"ticktext\":[\"ok\",\"x > y\"]}}}"
              + "|Chart 1: the figure's layout.yaxis.ticktext[1] contains HTML.",
          "{\"data\":[{\"x<y\":1}]}|Chart 1: the figure's data[0] has a key that contains HTML.",
          "{\"data\":[],\"layout\":{\"images\":[{\"source\":\"javascript:alert(1)\"}]}}"
              + "|Chart 1: the figure's layout.images[0].source contains a javascript: URL.",
          "{\"data\":[],\"layout\":{\"images\":[{\"source\":\" JavaScript:alert(1)\"}]}}"
              + "|Chart 1: the figure's layout.images[0].source contains a javascript: URL.",
          "{\"data\":[],\"layout\":{\"images\":[{\"source\":\"data:image/png;base64,AAAA\"}]}}"
              + "|Chart 1: the figure's layout.images[0].source contains a data: URL.",
          "{\"data\":[],\"layout\":{\"images\":[{\"source\":\"data:,alert(1)\"}]}}"
              + "|Chart 1: the figure's layout.images[0].source contains a data: URL.",
          "{\"data\":[],\"layout\":{\"images\":[{\"source\":\"DATA:text/html;base64,AA\"}]}}"
              + "|Chart 1: the figure's layout.images[0].source contains a data: URL.",
          "{\"data\":[{\"customdata\":[\"vbscript:msgbox\"]}]}"
              + "|Chart 1: the figure's data[0].customdata[0] contains a vbscript: URL.",
          "{\"data\":[],\"layout\":{\"images\":[{\"source\":\"ftp://example.org/x.png\"}]}}"
              + "|Chart 1: the figure's layout.images[0].source contains a ftp: URL; only http and"
              + " https links are allowed.",
          "{\"data\":[],\"layout\":{\"images\":[{\"source\":\"file:/etc/passwd\"}]}}"
              + "|Chart 1: the figure's layout.images[0].source contains a file: URL; only http and"
              + " https links are allowed."
        })
    void shouldRefuseHtmlAndActiveUrlsAnywhereInTheFigure(String figure, String reason) {
      assertRefused(chart(figure), reason);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
        delimiter = '|',
        value = {
          "{|Chart 1: the figure is not valid JSON.",
          "{\"data\":[]} {}|Chart 1: the figure is not valid JSON.",
          "{\"data\":[],}|Chart 1: the figure is not valid JSON.",
          "{'data':[]}|Chart 1: the figure is not valid JSON.",
          "{\"data\":[function(){}]}|Chart 1: the figure is not valid JSON.",
          "[{\"data\":[]}]|Chart 1: the figure is not a JSON object.",
          "\"data\"|Chart 1: the figure is not a JSON object.",
          "{}|Chart 1: the figure has no data array.",
          "{\"data\":{}}|Chart 1: the figure's data must be an array.",
          "{\"data\":[],\"layout\":[]}|Chart 1: the figure's layout must be an object.",
          "{\"data\":[],\"frames\":{}}|Chart 1: the figure's frames must be an array.",
          "{\"data\":[],\"config\":{}}"
              + "|Chart 1: the figure may only hold data, layout and frames, not 'config'.",
          "{\"data\":[],\"<img>\":{}}"
              + "|Chart 1: the figure may only hold data, layout and frames, not '?img?'."
        })
    void shouldRefuseAFigureOfTheWrongShape(String figure, String reason) {
      assertRefused(chart(figure), reason);
    }

    @Test
    void shouldRefuseAnOverlongNumberWithoutAServerError() {
      // Liberty's JSON-P refuses to read a number of more than 1100 characters: a bare 500 once.
      assertRefused(
          chart("{\"data\":[{\"y\":[1" + "0".repeat(1200) + "]}]}"),
          "Chart 1: the figure has a number longer than 100 characters.");
    }

    @Test
    void shouldRefuseAChartWithoutFigure() {
      assertRefused("<div data-type=\"chart\"></div>", "Chart 1: the chart has no figure.");
      assertRefused(
          "<div data-type=\"chart\" data-figure=\" \"></div>", "Chart 1: the chart has no figure.");
    }

    @Test
    void shouldRefuseACaptionOverTheLimit() {
      assertRefused(
          "<div data-type=\"chart\" data-figure='{\"data\":[]}' data-caption=\""
              + "c".repeat(RichTextSanitizer.MAX_CAPTION + 1)
              + "\"></div>",
          "Chart 1: the caption is longer than 300 characters.");
    }
  }

  @Nested
  class WhenTheFigureIsLarge {

    private final RichTextSanitizer strict =
        new RichTextSanitizer(new ChartPolicy(40, 4), 1_000_000);

    @Test
    void shouldRefuseAFigureOverTheSizeLimit() {
      String figure = "{\"data\":[{\"y\":[1,2,3,4,5,6,7,8,9,10,11]}]}";
      assertThatThrownBy(() -> strict.sanitize(chart(figure), null))
          .isInstanceOf(RichTextException.class)
          .hasMessage("Chart 1: the figure is larger than 40 characters (42).");
      assertThat(strict.sanitize(chart(figure.replace(",11", "")), null).html()).contains("chart");
    }

    @Test
    void shouldRefuseAFigureNestedOverTheDepthLimit() {
      assertThat(strict.sanitize(chart("{\"data\":[{\"y\":[1]}]}"), null).html()).contains("chart");
      assertThatThrownBy(() -> strict.sanitize(chart("{\"data\":[{\"y\":[[1]]}]}"), null))
          .isInstanceOf(RichTextException.class)
          .hasMessage("Chart 1: the figure is nested deeper than 4 levels.");
    }

    @Test
    void shouldRefuseADeeplyNestedFigureWithoutRecursingIntoIt() {
      String bomb = "{\"data\":" + "[".repeat(200_000) + "]".repeat(200_000) + "}";
      assertThatThrownBy(() -> sanitizer.sanitize(chart(bomb), null))
          .isInstanceOf(RichTextException.class)
          .hasMessage("Chart 1: the figure is nested deeper than 32 levels.");
    }
  }

  @Nested
  class WhenTheChartCameFromAnExperiment {

    private static final String SOURCE =
        "{\"connectorId\":\"clearml\",\"experimentId\":\"abc123\",\"kind\":\"scalar\","
            + "\"name\":\"loss\",\"fetchedAt\":\"2026-11-28T10:00:00Z\"}";

    private Element cleanChart(String source, String edited) {
      String html =
          "<div data-type=\"chart\" data-figure='"
              + LINE
              + "' data-source='"
              + source
              + "'"
              + (edited == null ? "" : " data-edited=\"" + edited + "\"")
              + "></div>";
      return Jsoup.parseBodyFragment(clean(html)).body().selectFirst("div");
    }

    @Test
    void shouldKeepTheSourceCompactInAFixedKeyOrder() {
      String reordered =
          "{ \"fetchedAt\": \"2026-11-28T10:00:00.000Z\", \"name\": \" loss \", \"kind\": \"scalar\","
              + " \"experimentId\": \"abc123\", \"connectorId\": \"clearml\" }";
      Element chart = cleanChart(reordered, null);
      assertThat(chart.attr("data-source")).isEqualTo(SOURCE);
      assertThat(chart.hasAttr("data-edited")).isFalse();
    }

    @Test
    void shouldKeepTheEditedMarkOnlyWhenItIsTrue() {
      assertThat(cleanChart(SOURCE, "true").attr("data-edited")).isEqualTo("true");
      assertThat(cleanChart(SOURCE, "yes").hasAttr("data-edited")).isFalse();
    }

    @Test
    void shouldDropAnEditedMarkOnAChartWithoutSource() {
      String html =
          "<div data-type=\"chart\" data-figure='" + LINE + "' data-edited=\"true\"></div>";
      assertThat(clean(html)).doesNotContain("data-edited");
    }

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "[1]| is not a JSON object.",
          "{\"connectorId\":\"c\",\"experimentId\":\"e\",\"kind\":\"table\",\"name\":\"n\","
              + "\"fetchedAt\":\"2026-11-28T10:00:00Z\"}| kind must be scalar or plot.",
          "{\"connectorId\":\"c\",\"experimentId\":\"e\",\"kind\":\"plot\",\"name\":\"n\","
              + "\"fetchedAt\":\"yesterday\"}| fetchedAt must be a UTC timestamp.",
          "{\"connectorId\":\"c\",\"experimentId\":\"e\",\"kind\":\"plot\",\"name\":\"<b>\","
              + "\"fetchedAt\":\"2026-11-28T10:00:00Z\"}| name must be 1 to 200 characters without"
              + " control characters.",
          "{\"connectorId\":\"c\",\"experimentId\":\"e\",\"kind\":\"plot\",\"name\":\"n\","
              + "\"fetchedAt\":\"2026-11-28T10:00:00Z\",\"url\":\"javascript:x\"}| has an unknown"
              + " field url.",
          "{\"experimentId\":\"e\",\"kind\":\"plot\",\"name\":\"n\","
              + "\"fetchedAt\":\"2026-11-28T10:00:00Z\"}| needs connectorId as a string."
        })
    void shouldRefuseAMalformedSource(String source, String reason) {
      assertRefused(
          "<div data-type=\"chart\" data-figure='" + LINE + "' data-source='" + source + "'></div>",
          "Chart 1: the source " + reason);
    }

    @Test
    void shouldRefuseADeeplyNestedSourceWithoutAServerError() {
      // Past 1000 levels the JSON-P parser throws a bare runtime error, once a 500.
      String source = "{\"a\":" + "[".repeat(1001) + "]".repeat(1001) + "}";
      assertRefused(
          "<div data-type=\"chart\" data-figure='{\"data\":[]}' data-source='"
              + source
              + "'></div>",
          "Chart 1: the source is not a JSON object.");
    }
  }

  @Nested
  class WhenConfiguringTheLimits {

    @Test
    void shouldDefaultToHalfAMebibyteAndThirtyTwoLevels() {
      assertThat(ChartPolicy.defaults()).isEqualTo(new ChartPolicy(524_288, 32));
    }

    @ParameterizedTest
    @CsvSource({"0, 32", "-1, 32", "1024, 1", "1024, 0"})
    void shouldRefuseLimitsThatAcceptNoFigure(int maxFigureChars, int maxDepth) {
      assertThatThrownBy(() -> new ChartPolicy(maxFigureChars, maxDepth))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
