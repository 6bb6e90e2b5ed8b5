package org.aiappstore.app.identity.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import org.aiappstore.app.identity.token.TokenHashing;
import org.aiappstore.app.persistence.TestingMongo;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RefreshTokenStoreTest {

  private final TestingMongo mongo = new TestingMongo();
  private final RefreshTokenStore store =
      new RefreshTokenStore(mongo, Duration.ofDays(14), Clock.systemUTC());

  @AfterEach
  void close() {
    mongo.close();
  }

  @Test
  void shouldStoreOnlyTheSha256OfTheToken() {
    String token = store.startFamily("u-1");
    Document stored = mongo.database().getCollection("refresh_tokens").find().first();

    assertThat(stored.getString("_id")).isEqualTo(TokenHashing.sha256(token)).isNotEqualTo(token);
    assertThat(stored.toJson()).doesNotContain(token);
    assertThat(TokenHashing.sha256(token)).hasSize(43);
  }

  @Test
  void shouldRotateIntoANewTokenOfTheSameFamily() throws Exception {
    String first = store.startFamily("u-1");
    RefreshTokenStore.Rotation rotation = store.rotate(first);

    assertThat(rotation.userId()).isEqualTo("u-1");
    assertThat(rotation.token()).isNotEqualTo(first);
    assertThat(store.rotate(rotation.token()).familyId()).isEqualTo(rotation.familyId());
  }

  @Nested
  class WhenATokenIsReused {

    @Test
    void shouldRefuseItAndRevokeTheWholeFamily() throws Exception {
      String first = store.startFamily("u-1");
      String second = store.rotate(first).token();

      assertThatThrownBy(() -> store.rotate(first))
          .isInstanceOf(RefreshTokenStore.RefusedException.class)
          .hasMessageContaining("already used");
      assertThatThrownBy(() -> store.rotate(second))
          .isInstanceOf(RefreshTokenStore.RefusedException.class);
    }

    @Test
    void shouldLeaveOtherFamiliesAlone() throws Exception {
      String stolen = store.startFamily("u-1");
      String otherDevice = store.startFamily("u-1");
      store.rotate(stolen);
      assertThatThrownBy(() -> store.rotate(stolen));

      assertThat(store.rotate(otherDevice).userId()).isEqualTo("u-1");
    }
  }

  @Test
  void shouldRefuseUnknownAndRevokedTokens() {
    assertThatThrownBy(() -> store.rotate("made-up")).hasMessageContaining("invalid");
    String token = store.startFamily("u-1");
    store.revokeAllOf("u-1");
    assertThatThrownBy(() -> store.rotate(token)).hasMessageContaining("revoked");
  }

  @Test
  void shouldRevokeTheFamilyOnLogout() {
    String token = store.startFamily("u-1");
    store.familyOf(token).ifPresent(store::revokeFamily);
    assertThatThrownBy(() -> store.rotate(token))
        .isInstanceOf(RefreshTokenStore.RefusedException.class);
  }
}
