package org.aiappstore.app.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.aiappstore.app.identity.user.User;
import org.aiappstore.app.search.SearchFixture.TestCard;
import org.aiappstore.app.search.SearchIndex.Commit;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

class SearchIndexTest {

  @Test
  void shouldMergeNothingWhileMergingIsOffAndMergeAgainOnceItIsOn() throws Exception {
    try (SearchFixture fixture = new SearchFixture();
        SearchIndex index = new SearchIndex(new ByteBuffersDirectory(), 16)) {
      User owner = fixture.user("ada");

      index.merging(false);
      for (int i = 0; i < 12; i++) {
        index.add(new TestCard(owner).title("Card " + i).build(), Optional.empty());
        index.commit(new Commit(i + 1, "epoch")); // each commit writes a segment of its own
      }
      index.refresh();
      assertThat(index.segments()).isEqualTo(12);

      index.merging(true);
      index.mergeInBackground(); // a forced merge, which a policy that never merges ignores
      assertThat(segmentsOnceMerged(index, Duration.ofSeconds(10))).isEqualTo(1);
      assertThat(index.size()).isEqualTo(12);
    }
  }

  private static int segmentsOnceMerged(SearchIndex index, Duration timeout)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (index.segments() > 1 && System.nanoTime() < deadline) {
      Thread.sleep(20);
      index.refreshIfChanged();
    }
    return index.segments();
  }
}
