package org.aiappstore.app.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.aiappstore.app.persistence.TestingMongo;
import org.junit.jupiter.api.Test;

class CardRepositoryTest {

  @Test
  void shouldVisitEveryCardExactlyOnceWhateverItsIdStartsWith() {
    try (TestingMongo mongo = new TestingMongo()) {
      CardRepository cards = new CardRepository(mongo);
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        ids.add(UUID.randomUUID().toString());
      }
      // Imported cards may keep ids of any form.
      ids.addAll(List.of("imported-7", "F00D", "Zebra", "-dash", "_under", "élan", "9", "a"));
      for (String id : ids) {
        assertThat(cards.insert(card(id))).isTrue();
      }

      List<String> visited = new ArrayList<>();
      cards.forEach(card -> visited.add(card.id()));

      assertThat(visited).containsExactlyInAnyOrderElementsOf(ids);
    }
  }

  private static ModelCard card(String id) {
    Instant at = Instant.parse("2026-11-01T00:00:00Z");
    return new ModelCard(id, "owner-1", "card-" + id, CardContent.EMPTY, Set.of(), at, at, 1);
  }
}
