package org.aiappstore.app.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SearchIndexReadinessCheckTest {

  private final SearchFixture fixture = new SearchFixture();
  private final SearchIndexer indexer =
      new SearchIndexer(fixture.log, fixture.cards, fixture.owners, Clock.systemUTC());
  private final SearchIndexReadinessCheck check = new SearchIndexReadinessCheck();

  @AfterEach
  void tearDown() {
    indexer.stop();
    fixture.close();
  }

  @Test
  void shouldHoldTheServerBackUntilItsIndexIsBuilt() throws IOException {
    check.indexer = indexer;
    indexer.open(new ByteBuffersDirectory(), 16);

    assertThat(check.call().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    assertThat(check.call().getData())
        .hasValueSatisfying(d -> assertThat(d).containsEntry("state", "building"));

    indexer.tick(); // the first poll builds it

    assertThat(check.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
  }

  @Test
  void shouldNotHoldTheServerBackForAnIndexThatCouldNotBeOpened() {
    check.indexer = indexer; // never opened: search answers 503, the rest works

    HealthCheckResponse response = check.call();

    assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    assertThat(response.getData())
        .hasValueSatisfying(d -> assertThat(d).containsEntry("state", "unavailable"));
  }
}
