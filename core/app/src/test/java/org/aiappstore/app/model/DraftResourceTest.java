package org.aiappstore.app.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DraftResourceTest {

  @Test
  void shouldMeasureDraftsInUtf8Bytes() {
    // One UTF-16 char each, but 1, 2, 3 and (a surrogate pair) 4 bytes in UTF-8.
    for (String text : new String[] {"a", "é", "€", "😀", "{\"t\":\"naïve 😀 €\"}"}) {
      assertThat(DraftResource.utf8Length(text))
          .as(text)
          .isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
    }
    assertThat(DraftResource.utf8Length("€".repeat(400_000)))
        .isGreaterThan(DraftResource.MAX_BYTES);
  }
}
