package org.aiappstore.app.identity.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.aiappstore.app.identity.apitoken.PersonalTokenStore;
import org.aiappstore.app.identity.oidc.ExternalIdentity;
import org.aiappstore.app.identity.oidc.ExternalUserProvisioner;
import org.aiappstore.app.identity.session.RefreshTokenStore;
import org.aiappstore.app.identity.token.InvalidTokenException;
import org.aiappstore.app.identity.token.TestingAccessTokens;
import org.aiappstore.app.identity.user.User;
import org.aiappstore.app.identity.user.UserRepository;
import org.aiappstore.app.persistence.TestingMongo;
import org.aiappstore.app.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CallerAuthenticatorTest {

  private static final String ISSUER = "https://idp.example.org/realms/acme";
  private static final Duration SIGN_IN_DAYS = Duration.ofDays(30);

  private final MutableClock clock = new MutableClock();
  private final TestingMongo mongo = new TestingMongo();
  private final UserRepository users = new UserRepository(mongo);
  private final PersonalTokenStore personalTokens = new PersonalTokenStore(mongo);
  private final RefreshTokenStore refreshTokens =
      new RefreshTokenStore(mongo, Duration.ofDays(14), clock);
  private final ExternalUserProvisioner provisioner = new ExternalUserProvisioner(users, clock);
  private final CallerAuthenticator authenticator = new CallerAuthenticator();

  CallerAuthenticatorTest() {
    authenticator.users = users;
    authenticator.personalTokens = personalTokens;
    authenticator.refreshTokens = refreshTokens;
    authenticator.accessTokens = TestingAccessTokens.over(mongo);
    authenticator.provisioner = provisioner;
    authenticator.personalTokenRules = new PersonalTokenRules(SIGN_IN_DAYS, clock);
  }

  @AfterEach
  void close() {
    mongo.close();
  }

  private User insert(String id, Set<String> roles, String issuer, Instant providerSignInAt) {
    Instant now = clock.instant();
    return users.insert(
        new User(
            id,
            "name-" + id,
            "Name " + id,
            null,
            roles,
            issuer == null ? "hash" : null,
            false,
            now,
            now,
            0,
            null,
            issuer,
            issuer == null ? null : "subject-" + id,
            providerSignInAt));
  }

  private String personalToken(User owner) {
    return personalTokens.create(owner.id(), "ci", PersonalTokenStore.WRITE, 365).token();
  }

  @Test
  void shouldLetALocalAdminsPersonalTokenActAsAdmin() throws Exception {
    User admin = insert("u-local", Set.of("user", "admin"), null, null);

    Caller caller = authenticator.authenticate(personalToken(admin));

    assertThat(caller.roles()).containsExactlyInAnyOrder("user", "admin");
    assertThat(caller.kind()).isEqualTo(Caller.CredentialKind.PERSONAL_TOKEN);
  }

  @Nested
  class WhenAUserOfTheProviderUsesAPersonalToken {

    @Test
    void shouldActWithTheUserRoleOnlyEvenForAnAdminOfTheProvider() throws Exception {
      User admin = insert("u-ext", Set.of("user", "admin"), ISSUER, clock.instant());

      Caller caller = authenticator.authenticate(personalToken(admin));

      assertThat(caller.userId()).isEqualTo(admin.id());
      assertThat(caller.roles()).containsExactly("user");
    }

    @Test
    void shouldWorkWhileTheLastSignInThroughTheProviderIsRecentEnough() throws Exception {
      User user = insert("u-ext", Set.of("user"), ISSUER, clock.instant());
      String token = personalToken(user);
      clock.advance(SIGN_IN_DAYS.minusMinutes(1));

      assertThat(authenticator.authenticate(token).userId()).isEqualTo(user.id());
    }

    @Test
    void shouldRefuseItOnceTheLastSignInThroughTheProviderIsTooOld() {
      User user = insert("u-ext", Set.of("user"), ISSUER, clock.instant());
      String token = personalToken(user);
      clock.advance(SIGN_IN_DAYS.plusMinutes(1));

      assertThatThrownBy(() -> authenticator.authenticate(token))
          .isInstanceOf(InvalidTokenException.class)
          .hasMessageContaining("more than 30 days")
          .hasMessageContaining("sign in through the provider again")
          .extracting(e -> ((InvalidTokenException) e).code())
          .isEqualTo("PROVIDER_SIGN_IN_REQUIRED");
    }

    @Test
    void shouldRefuseItWhenNoSignInThroughTheProviderWasEverRecorded() {
      User user = insert("u-ext", Set.of("user"), ISSUER, null);

      assertThatThrownBy(() -> authenticator.authenticate(personalToken(user)))
          .isInstanceOf(InvalidTokenException.class)
          .extracting(e -> ((InvalidTokenException) e).code())
          .isEqualTo("PROVIDER_SIGN_IN_REQUIRED");
    }

    @Test
    void shouldAcceptItAgainOnceTheUserSignsInThroughTheProvider() throws Exception {
      User user = insert("u-ext", Set.of("user"), ISSUER, clock.instant());
      String token = personalToken(user);
      clock.advance(SIGN_IN_DAYS.plusDays(5));
      assertThatThrownBy(() -> authenticator.authenticate(token))
          .isInstanceOf(InvalidTokenException.class);

      provisioner.provision(
          new ExternalIdentity(ISSUER, user.subject(), null, null, null, Set.of("user"), null));

      assertThat(authenticator.authenticate(token).userId()).isEqualTo(user.id());
    }
  }

  /** What was issued on a caller's credential (an app ticket) ends with the credential. */
  @Nested
  class WhenHoldingWhatACredentialWasIssuedOn {

    private final User alice = insert("u-alice", Set.of("user"), null, null);

    @Test
    void shouldNameTheSessionOfAnAccessTokenAsItsCredential() throws Exception {
      RefreshTokenStore.Started session = refreshTokens.startFamily(alice.id());
      String token =
          authenticator
              .accessTokens
              .issue(alice.id(), alice.username(), alice.roles(), session.familyId())
              .token();

      assertThat(authenticator.authenticate(token).credential())
          .isEqualTo(Caller.Credential.session(session.familyId()));
    }

    @Test
    void shouldServeTheHolderWhileTheSessionLastsAndRefuseThemOnceSignedOut() throws Exception {
      RefreshTokenStore.Started session = refreshTokens.startFamily(alice.id());
      Caller.Credential credential = Caller.Credential.session(session.familyId());

      assertThat(authenticator.holderOf(alice.id(), clock.instant(), credential).roles())
          .containsExactly("user");
      refreshTokens.familyOf(session.token()).ifPresent(refreshTokens::revokeFamily);

      assertThatThrownBy(() -> authenticator.holderOf(alice.id(), clock.instant(), credential))
          .isInstanceOf(InvalidTokenException.class)
          .hasMessageContaining("signed out");
    }

    @Test
    void shouldRefuseTheHolderOnceThePersonalTokenIsRevoked() throws Exception {
      String token = personalToken(alice);
      Caller.Credential credential = authenticator.authenticate(token).credential();
      assertThat(credential.kind()).isEqualTo(Caller.CredentialKind.PERSONAL_TOKEN);
      assertThat(authenticator.holderOf(alice.id(), clock.instant(), credential).userId())
          .isEqualTo(alice.id());

      personalTokens.delete(alice.id(), credential.id());

      assertThatThrownBy(() -> authenticator.holderOf(alice.id(), clock.instant(), credential))
          .isInstanceOf(InvalidTokenException.class)
          .hasMessageContaining("revoked");
    }

    @Test
    void shouldGiveTheHolderOfAProviderUsersPersonalTokenTheUserRoleOnly() throws Exception {
      User admin = insert("u-ext", Set.of("user", "admin"), ISSUER, clock.instant());
      Caller.Credential credential = authenticator.authenticate(personalToken(admin)).credential();

      assertThat(authenticator.holderOf(admin.id(), clock.instant(), credential).roles())
          .containsExactly("user");
    }
  }
}
