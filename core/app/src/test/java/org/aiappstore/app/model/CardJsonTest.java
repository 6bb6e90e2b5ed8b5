package org.aiappstore.app.model;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.aiappstore.app.model.CardContent.DemoType;
import org.aiappstore.app.model.CardContent.Visibility;
import org.aiappstore.app.problem.Problem;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CardJsonTest {

  private final List<Problem.FieldError> errors = new ArrayList<>();

  private static JsonObject json(String text) {
    return Json.createReader(new StringReader(text.replace('\'', '"'))).readObject();
  }

  private CardContent parse(String text) {
    return CardJson.parse(json(text), Set.of(), errors);
  }

  private List<String> pointers() {
    return errors.stream().map(Problem.FieldError::pointer).toList();
  }

  @Nested
  class Labels {

    @Test
    void shouldTrimDropBlanksAndDeduplicateIgnoringCaseKeepingTheFirstSpelling() {
      CardContent card =
          parse("{'title':'t','task':'Audio','tags':[' NLP ','nlp','','Speech  to   text','Nlp']}");

      assertThat(errors).isEmpty();
      assertThat(card.tags()).containsExactly("NLP", "Speech to text");
    }

    @Test
    void shouldRefuseMoreThanTwentyDistinctLabelsAndLabelsOverFortyCharacters() {
      StringBuilder many = new StringBuilder();
      for (int i = 0; i < 21; i++) {
        many.append(i == 0 ? "" : ",").append("'tag").append(i).append("'");
      }
      parse(
          "{'title':'t','task':'Audio','tags':["
              + many
              + "],'frameworks':['"
              + "x".repeat(41)
              + "', 3]}");

      assertThat(pointers()).containsExactlyInAnyOrder("/tags", "/frameworks/0", "/frameworks/1");
    }
  }

  @Nested
  class Validation {

    @Test
    void shouldEscapeUnknownMemberNamesInTheirPointers() {
      parse("{'title':'t','task':'Audio','a/b':1,'c~d':2,'demo':{'type':'video','x/y':3}}");

      assertThat(pointers()).contains("/a~1b", "/c~0d", "/demo/x~1y");
    }

    @Test
    void shouldNameEveryBadFieldByItsPointer() {
      parse(
          "{'title':'','task':'','description':5,'visibility':'hidden','demo':{'type':'video'},"
              + "'artifacts':[{'type':'model','name':'w','url':'ftp://host/x','timestamp':'yesterday','size':1}],"
              + "'experiment':{'connectorId':'c'},'unknown':true}");

      assertThat(pointers())
          .containsExactlyInAnyOrder(
              "/title",
              "/task",
              "/description",
              "/visibility",
              "/demo/mediaId",
              "/artifacts/0/url",
              "/artifacts/0/timestamp",
              "/artifacts/0/size",
              "/experiment/externalId",
              "/unknown");
    }

    @Test
    void shouldAcceptHttpHttpsAndS3ArtifactUrlsOnly() {
      assertThat(CardJson.isArtifactUrl("https://example.org/model.onnx")).isTrue();
      assertThat(CardJson.isArtifactUrl("s3://bucket/key")).isTrue();
      assertThat(CardJson.isArtifactUrl("javascript:alert(1)")).isFalse();
      assertThat(CardJson.isArtifactUrl("file:///etc/passwd")).isFalse();
      assertThat(CardJson.isArtifactUrl("https:///no-host")).isFalse();
    }

    @Test
    void shouldStripControlCharactersFromPlainText() {
      CardContent card =
          parse("{'title':'A\\u0000B\\u001b','task':'Audio','usage':'line 1\\r\\nline 2'}");

      assertThat(card.title()).isEqualTo("AB");
      assertThat(card.usage()).isEqualTo("line 1\nline 2");
    }
  }

  @Nested
  class RoundTrip {

    @Test
    void shouldReadBackWhatItWrites() {
      CardContent card =
          parse(
              "{'title':'T','task':'Audio','tags':['a'],'frameworks':['PyTorch'],'body':'<p>x</p>',"
                  + "'artifacts':[{'type':'model','name':'w','url':'s3://b/k','framework':'onnx',"
                  + "'timestamp':'2026-01-01T00:00:00Z'}],'dataset':{'connectorId':'c','externalId':'d'},"
                  + "'demo':{'type':'app','appId':'app-1'},'visibility':'private','sharedWith':['u1','u1']}");
      assertThat(errors).isEmpty();

      CardContent again = CardJson.parse(CardJson.toJson(card), Set.of(), errors);

      assertThat(errors).isEmpty();
      assertThat(again).isEqualTo(card);
      assertThat(again.demo().type()).isEqualTo(DemoType.APP);
      assertThat(again.visibility()).isEqualTo(Visibility.PRIVATE);
      assertThat(again.sharedWith()).containsExactly("u1");
    }

    @Test
    void shouldListTheFieldsAChangeTouched() {
      CardContent before = parse("{'title':'T','task':'Audio','tags':['a']}");
      CardContent after = parse("{'title':'T2','task':'Audio','tags':['a'],'usage':'u'}");

      assertThat(CardJson.changedFields(before, after)).containsExactly("title", "usage");
    }

    @Test
    void shouldApplyAMergePatchOnTheWrittenForm() {
      CardContent card =
          parse(
              "{'title':'T','task':'Audio','tags':['a'],'experiment':{'connectorId':'c','externalId':'e'}}");

      JsonObject patched =
          Json.createMergePatch(json("{'tags':null,'experiment':null,'usage':'u'}"))
              .apply(CardJson.toJson(card))
              .asJsonObject();
      CardContent result = CardJson.parse(patched, Set.of(), errors);

      assertThat(errors).isEmpty();
      assertThat(result.tags()).isEmpty();
      assertThat(result.experiment()).isNull();
      assertThat(result.usage()).isEqualTo("u");
      assertThat(result.title()).isEqualTo("T");
    }
  }
}
