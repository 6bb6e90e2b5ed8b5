package org.aiappstore.app.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class DraftMediaTest {

  private static final String MINE = "0b6f2c1e-5d4a-4c3b-9a8f-7e6d5c4b3a21";
  private static final String THEIRS = "1c7a3d2f-6e5b-4d4c-8b9a-8f7e6d5c4b32";

  private static final String DRAFT =
      "{\"form\":{\"body\":\"<img src=\\\"/api/v1/media/"
          + MINE
          + "?exp=1700000000&amp;sig=old_-Sig\\\"><img src=\\\"/api/v1/media/"
          + THEIRS
          + "?exp=1700000000&amp;sig=theirs\\\">\",\"demo\":{\"mediaId\":\""
          + MINE
          + "\",\"videoUrl\":\"/api/v1/media/"
          + MINE
          + "?exp=1700000000&sig=old_-Sig\"},\"note\":\"/api/v1/media/not-an-id\"}}";

  @Test
  void shouldNameTheFilesOfTheDocumentsAndTheDemo() {
    assertThat(DraftMedia.ids(DRAFT)).containsExactly(MINE, THEIRS);
    assertThat(DraftMedia.ids("{\"body\":\"no media\"}")).isEmpty();
  }

  @Test
  void shouldSignAnewOnlyTheFilesTheCallerMaySeeKeepingEachUrlsEscaping() {
    String resigned =
        DraftMedia.resigned(
            DRAFT, Set.of(MINE)::contains, id -> "/api/v1/media/" + id + "?exp=2&sig=new");

    assertThat(resigned)
        .contains("/api/v1/media/" + MINE + "?exp=2&amp;sig=new\\\"")
        .contains("\"videoUrl\":\"/api/v1/media/" + MINE + "?exp=2&sig=new\"")
        .contains("/api/v1/media/" + THEIRS + "?exp=1700000000&amp;sig=theirs")
        .doesNotContain("old_-Sig");
  }
}
