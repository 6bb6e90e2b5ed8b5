package org.aiappstore.app.problem;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.bind.JsonbException;
import org.junit.jupiter.api.Test;

class MalformedJsonTest {

  @Test
  void shouldPointAtTheNestedMemberYassonNames() {
    // Yasson's wording, as Open Liberty's JSON-B 3.0 reports a member of the wrong type.
    JsonbException error =
        new JsonbException(
            "Unable to deserialize property 'owner' because of: Unable to deserialize property"
                + " 'a/b' because of: Incorrect position for processing type: interface"
                + " java.util.List. Received event: VALUE_STRING Allowed: [START_ARRAY]");

    assertThat(MalformedJson.boundMember(new RuntimeException(error))).isEqualTo("/owner/a~1b");
  }

  @Test
  void shouldNameNoMemberForASyntaxError() {
    assertThat(MalformedJson.boundMember(new JsonbException("Unexpected char 125 at (line no=1)")))
        .isNull();
  }
}
