package org.aiappstore.app.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.aiappstore.app.problem.Problem;
import org.aiappstore.app.problem.ProblemException;
import org.junit.jupiter.api.Test;

class ExportSelectionTest {

  private static JsonObject json(String text) {
    return Json.createReader(new StringReader(text.replace('\'', '"'))).readObject();
  }

  @Test
  void shouldPointAtUnknownMembersByTheirEscapedNames() {
    ProblemException refused =
        catchThrowableOfType(
            ProblemException.class,
            () -> ExportSelection.parse(json("{'all':true,'a/b':1,'filter':{'c~d':'x'}}")));

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.errors())
        .extracting(Problem.FieldError::pointer)
        .contains("/a~1b", "/filter/c~0d");
  }
}
