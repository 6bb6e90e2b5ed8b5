package org.aiappstore.app.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class CardDocumentsTest {

  @Test
  void shouldBreakTiesWithTheBitsOfAUuidId() {
    UUID id = UUID.randomUUID();

    assertThat(CardDocuments.idBits(id.toString())).isEqualTo(id);
  }

  @Test
  void shouldGiveIdsThatAreNoCanonicalUuidBitsOfTheirOwn() {
    // "0-0-0-0-1" parses as the same UUID as the canonical form below; as ids they are different.
    UUID canonical = CardDocuments.idBits("00000000-0000-0000-0000-000000000001");
    UUID shortForm = CardDocuments.idBits("0-0-0-0-1");
    UUID other = CardDocuments.idBits("imported-card-7");

    assertThat(shortForm).isNotEqualTo(canonical);
    assertThat(other).isNotEqualTo(canonical).isNotEqualTo(shortForm);
    assertThat(CardDocuments.idBits("imported-card-7")).isEqualTo(other);
  }
}
