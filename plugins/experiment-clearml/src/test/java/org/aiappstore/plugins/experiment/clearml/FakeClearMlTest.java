package org.aiappstore.plugins.experiment.clearml;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.aiappstore.plugins.experiment.clearml.FakeClearMl.Release;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The fake answers like clearml-server where the connector depends on it. */
class FakeClearMlTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Nested
  class WhenFilteringAListField {

    /** Tags of a task, the filter, then whether it matches on a current and an older server. */
    @ParameterizedTest(name = "{0} {1}: current {2}, older {3}")
    @CsvSource(
        delimiter = '|',
        value = {
          "dataset,archived | dataset,-archived                 | false | true",
          "dataset,archived | __$all,dataset,__$not,archived    | false | false",
          "dataset          | __$all,dataset,__$not,archived    | true  | true",
          "archived         | __$not,archived,__$not,dataset    | false | false",
          "dataset          | __$all,__$not,archived,__$not,dataset | false | true",
          "a                | a,b                               | true  | true",
          "a                | __$all,a,b                        | false | false",
          "b                | __$any,a,b                        | true  | true",
          "b                | __$all,-a                         | false | true",
          "''               | -a,-b                             | true  | true"
        })
    void shouldCombineTermsAsTheServerDoes(
        String tags, String filter, boolean current, boolean older) {
      List<String> present = tags.isEmpty() ? List.of() : Arrays.asList(tags.split(","));
      List<String> terms = Arrays.asList(filter.split(","));

      assertThat(FakeClearMl.listFilter(terms, Release.CURRENT).test(present)).isEqualTo(current);
      assertThat(FakeClearMl.listFilter(terms, Release.OLDER).test(present)).isEqualTo(older);
    }
  }

  @Nested
  class WhenListingTasks {

    @Test
    void shouldReturnOnlyTheRequestedFieldsAndTheId() throws Exception {
      try (FakeClearMl clearMl = FakeClearMl.start()) {
        JsonNode answer =
            getAll(
                clearMl,
                "{\"page\":0,\"page_size\":1,\"type\":[\"data_processing\"],"
                    + "\"only_fields\":[\"name\",\"hyperparams.properties\"]}");

        JsonNode task = answer.path("data").path("tasks").get(0);
        assertThat(task.properties())
            .extracting(e -> e.getKey())
            .containsOnly("id", "name", "hyperparams");
        assertThat(task.path("hyperparams").properties())
            .extracting(e -> e.getKey())
            .containsOnly("properties");
      }
    }

    @Test
    void shouldRequireAPageSizeWithAPageOnAnOlderServer() throws Exception {
      try (FakeClearMl older = FakeClearMl.startOlder();
          FakeClearMl current = FakeClearMl.start()) {
        JsonNode refused = getAll(older, "{\"page\":0}");
        JsonNode answered = getAll(current, "{\"page\":0}");

        assertThat(refused.path("meta").path("result_code").asInt()).isEqualTo(400);
        assertThat(refused.path("meta").path("result_subcode").asInt()).isEqualTo(11);
        assertThat(answered.path("meta").path("result_code").asInt()).isEqualTo(200);
      }
    }
  }

  private static JsonNode getAll(FakeClearMl clearMl, String body) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (FakeClearMl.ACCESS_KEY + ":" + FakeClearMl.SECRET_KEY)
                    .getBytes(StandardCharsets.UTF_8));
    JsonNode login =
        JSON.readTree(
            http.send(
                    HttpRequest.newBuilder(URI.create(clearMl.apiUrl() + "/auth.login"))
                        .header("Authorization", "Basic " + basic)
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .body());
    String token = login.path("data").path("token").asText();
    return JSON.readTree(
        http.send(
                HttpRequest.newBuilder(URI.create(clearMl.apiUrl() + "/tasks.get_all"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body());
  }
}
