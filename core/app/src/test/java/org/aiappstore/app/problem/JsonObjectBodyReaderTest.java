package org.aiappstore.app.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import jakarta.json.JsonObject;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonObjectBodyReaderTest {

  private final JsonObjectBodyReader reader = new JsonObjectBodyReader();

  private JsonObject read(String body) {
    return reader.readFrom(
        JsonObject.class,
        JsonObject.class,
        new java.lang.annotation.Annotation[0],
        MediaType.APPLICATION_JSON_TYPE,
        null,
        new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void shouldReadAnObject() {
    assertThat(read("{\"title\": \"ResNet\"}").getString("title")).isEqualTo("ResNet");
  }

  @Test
  void shouldRefuseAnyOtherValueAt400NamingTheWholeDocument() {
    for (String body : new String[] {"[]", "\"x\"", "5", "true", "null"}) {
      Throwable thrown = catchThrowable(() -> read(body));

      assertThat(thrown).as(body).isInstanceOf(ProblemException.class);
      ProblemException problem = (ProblemException) thrown;
      assertThat(problem.status()).isEqualTo(400);
      assertThat(problem.code()).isEqualTo("BODY_NOT_OBJECT");
      assertThat(problem.errors()).extracting(Problem.FieldError::pointer).containsExactly("");
    }
  }

  @Test
  void shouldLeaveBrokenOrMissingJsonToTheMalformedJsonAnswer() {
    for (String body : new String[] {"{\"title\": ", ""}) {
      assertThat(MalformedJson.isCause(catchThrowable(() -> read(body)))).as(body).isTrue();
    }
  }

  @Test
  void shouldRefuseABodyNestedTooDeeplyAt400() {
    // Past 1000 levels the JSON-P parser throws a bare runtime error, which was a 500.
    String body = "{\"a\":" + "[".repeat(1001) + "]".repeat(1001) + "}";

    Throwable thrown = catchThrowable(() -> read(body));

    assertThat(thrown).isInstanceOf(ProblemException.class);
    ProblemException problem = (ProblemException) thrown;
    assertThat(problem.status()).isEqualTo(400);
    assertThat(problem.code()).isEqualTo("MALFORMED_JSON");
    assertThat(problem.getMessage()).isEqualTo("The request body is nested deeper than 64 levels.");
  }

  @Test
  void shouldRefuseAnOverlongNumberAt400() {
    // Liberty's JSON-P refuses a number of more than 1100 characters with a bare runtime error.
    Throwable thrown = catchThrowable(() -> read("{\"title\":1" + "0".repeat(1200) + "}"));

    assertThat(thrown).isInstanceOf(ProblemException.class);
    assertThat(((ProblemException) thrown).status()).isEqualTo(400);
    assertThat(thrown.getMessage())
        .isEqualTo("The request body has a number longer than 100 characters.");
  }

  @Test
  void shouldReadABodyNestedAsDeepAsAllowed() {
    String body = "{\"a\":" + "[".repeat(63) + "]".repeat(63) + "}";

    assertThat(read(body)).hasToString(body);
  }
}
