package org.aiappstore.app.identity.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import org.aiappstore.app.identity.token.TokenHashing;
import org.aiappstore.app.persistence.TestingMongo;
import org.aiappstore.app.testing.MutableClock;
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
    String token = store.startFamily("u-1").token();
    Document stored = mongo.database().getCollection("refresh_tokens").find().first();

    assertThat(stored.getString("_id")).isEqualTo(TokenHashing.sha256(token)).isNotEqualTo(token);
    assertThat(stored.toJson()).doesNotContain(token);
    assertThat(TokenHashing.sha256(token)).hasSize(43);
  }

  @Test
  void shouldRotateIntoANewTokenOfTheSameFamily() throws Exception {
    String first = store.startFamily("u-1").token();
    RefreshTokenStore.Rotation rotation = store.rotate(first);

    assertThat(rotation.userId()).isEqualTo("u-1");
    assertThat(rotation.token()).isNotEqualTo(first);
    assertThat(store.rotate(rotation.token()).familyId()).isEqualTo(rotation.familyId());
  }

  @Nested
  class WhenATokenIsReused {

    @Test
    void shouldRefuseItAndRevokeTheWholeFamily() throws Exception {
      String first = store.startFamily("u-1").token();
      String second = store.rotate(first).token();

      assertThatThrownBy(() -> store.rotate(first))
          .isInstanceOf(RefreshTokenStore.RefusedException.class)
          .hasMessageContaining("already used");
      assertThatThrownBy(() -> store.rotate(second))
          .isInstanceOf(RefreshTokenStore.RefusedException.class);
    }

    @Test
    void shouldLeaveOtherFamiliesAlone() throws Exception {
      String stolen = store.startFamily("u-1").token();
      String otherDevice = store.startFamily("u-1").token();
      store.rotate(stolen);
      assertThatThrownBy(() -> store.rotate(stolen));

      assertThat(store.rotate(otherDevice).userId()).isEqualTo("u-1");
    }
  }

  @Test
  void shouldRefuseUnknownAndRevokedTokens() {
    assertThatThrownBy(() -> store.rotate("made-up")).hasMessageContaining("invalid");
    String token = store.startFamily("u-1").token();
    store.revokeAllOf("u-1");
    assertThatThrownBy(() -> store.rotate(token)).hasMessageContaining("revoked");
  }

  @Test
  void shouldRevokeTheFamilyOnLogout() {
    String token = store.startFamily("u-1").token();
    store.familyOf(token).ifPresent(store::revokeFamily);
    assertThatThrownBy(() -> store.rotate(token))
        .isInstanceOf(RefreshTokenStore.RefusedException.class);
  }

  /** Whether a session is on, asked by what was issued on its strength (an app ticket). */
  @Nested
  class WhenAskedWhetherASessionIsLive {

    @Test
    void shouldSayYesFromSignInThroughItsRotations() throws Exception {
      RefreshTokenStore.Started started = store.startFamily("u-1");
      assertThat(store.isLive(started.familyId())).isTrue();

      store.rotate(store.rotate(started.token()).token());

      assertThat(store.isLive(started.familyId())).isTrue();
    }

    @Test
    void shouldSayNoOnceSignedOutWhileOtherSessionsGoOn() {
      RefreshTokenStore.Started signedOut = store.startFamily("u-1");
      RefreshTokenStore.Started other = store.startFamily("u-1");

      store.familyOf(signedOut.token()).ifPresent(store::revokeFamily);

      assertThat(store.isLive(signedOut.familyId())).isFalse();
      assertThat(store.isLive(other.familyId())).isTrue();
    }

    @Test
    void shouldSayNoOnceTheUsersSessionsEndedOrATokenWasReused() throws Exception {
      RefreshTokenStore.Started reused = store.startFamily("u-1");
      store.rotate(reused.token());
      assertThatThrownBy(() -> store.rotate(reused.token()));
      RefreshTokenStore.Started ended = store.startFamily("u-2");
      store.revokeAllOf("u-2");

      assertThat(store.isLive(reused.familyId())).isFalse();
      assertThat(store.isLive(ended.familyId())).isFalse();
      assertThat(store.isLive("no-such-family")).isFalse();
      assertThat(store.isLive(null)).isFalse();
    }

    @Test
    void shouldSayNoOnceTheSessionExpiredAndYesWhileRefreshesKeepItGoing() throws Exception {
      MutableClock clock = new MutableClock();
      RefreshTokenStore timed = new RefreshTokenStore(mongo, Duration.ofDays(14), clock);
      RefreshTokenStore.Started idle = timed.startFamily("u-1");
      RefreshTokenStore.Started used = timed.startFamily("u-1");
      clock.advance(Duration.ofDays(10));
      timed.rotate(used.token());
      clock.advance(Duration.ofDays(5));

      assertThat(timed.isLive(idle.familyId())).isFalse();
      assertThat(timed.isLive(used.familyId())).isTrue();
    }

    @Test
    void shouldRecordAFamilyFromBeforeTheRecordsAtItsNextRotation() throws Exception {
      RefreshTokenStore.Started started = store.startFamily("u-1");
      mongo.database().getCollection("refresh_families").deleteMany(new Document());
      assertThat(store.isLive(started.familyId())).isFalse();

      String next = store.rotate(started.token()).token();
      assertThat(store.isLive(started.familyId())).isTrue();

      store.familyOf(next).ifPresent(store::revokeFamily);
      assertThat(store.isLive(started.familyId())).isFalse();
    }
  }
}
