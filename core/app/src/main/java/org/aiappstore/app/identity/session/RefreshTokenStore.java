package org.aiappstore.app.identity.session;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.aiappstore.app.config.AppSettings;
import org.aiappstore.app.config.ConfigKey;
import org.aiappstore.app.identity.token.Base64Url;
import org.aiappstore.app.identity.token.TokenHashing;
import org.aiappstore.app.persistence.MongoConnection;
import org.bson.Document;

/**
 * Refresh tokens with rotation and reuse detection (OAuth 2.0 Security BCP): each token can be used
 * once; using it yields a new token of the same family. Presenting a used token means it was
 * copied, so the whole family is revoked, including the token the legitimate holder got last. Only
 * SHA-256 hashes are stored.
 *
 * <p>A family is a session. Besides its tokens it has a record of its own in {@code
 * refresh_families}, keyed by its id, saying whether it is revoked and until when it lasts (the
 * expiry of its latest token): {@link #isLive} answers by that id alone, cheaply enough to be asked
 * on every request of something issued on the session's strength (an app ticket). Families of
 * tokens issued before these records existed get theirs at their next rotation.
 */
@ApplicationScoped
public class RefreshTokenStore {

  /** The outcome of a successful rotation. */
  public record Rotation(String userId, String familyId, Instant familyCreatedAt, String token) {}

  /** A new family (a sign-in) and its first token. */
  public record Started(String familyId, String token) {}

  /** Why a refresh token was refused. */
  public static class RefusedException extends Exception {
    public RefusedException(String message) {
      super(message);
    }
  }

  @Inject MongoConnection mongo;
  @Inject AppSettings settings;

  private Duration lifetime;
  private Clock clock = Clock.systemUTC();

  public RefreshTokenStore() {}

  public RefreshTokenStore(MongoConnection mongo, Duration lifetime, Clock clock) {
    this.mongo = mongo;
    this.lifetime = lifetime;
    this.clock = clock;
    createIndexes();
  }

  @PostConstruct
  void configure() {
    lifetime = Duration.ofDays(settings.integer(ConfigKey.REFRESH_TOKEN_DAYS));
    createIndexes();
  }

  private void createIndexes() {
    MongoCollection<Document> tokens = tokens();
    tokens.createIndex(Indexes.ascending("familyId"));
    tokens.createIndex(Indexes.ascending("userId"));
    tokens.createIndex(
        Indexes.ascending("expiresAt"), new IndexOptions().expireAfter(0L, TimeUnit.SECONDS));
    families().createIndex(Indexes.ascending("userId"));
    families()
        .createIndex(
            Indexes.ascending("expiresAt"), new IndexOptions().expireAfter(0L, TimeUnit.SECONDS));
  }

  public Duration lifetime() {
    return lifetime;
  }

  private MongoCollection<Document> tokens() {
    return mongo.database().getCollection("refresh_tokens");
  }

  private MongoCollection<Document> families() {
    return mongo.database().getCollection("refresh_families");
  }

  /** Starts a new family (a new sign-in) and returns it with its first token. */
  public Started startFamily(String userId) {
    String familyId = UUID.randomUUID().toString();
    Instant now = clock.instant();
    families()
        .insertOne(
            new Document("_id", familyId)
                .append("userId", userId)
                .append("createdAt", Date.from(now))
                .append("expiresAt", Date.from(now.plus(lifetime)))
                .append("revokedAt", null));
    return new Started(familyId, issue(userId, familyId, now));
  }

  /**
   * Whether the session is still on: its family is neither revoked (sign-out, reuse of a token, the
   * user's sessions ended) nor expired. One lookup by id.
   */
  public boolean isLive(String familyId) {
    if (familyId == null) {
      return false;
    }
    Document family = families().find(Filters.eq("_id", familyId)).first();
    return family != null
        && family.get("revokedAt") == null
        && family.getDate("expiresAt").toInstant().isAfter(clock.instant());
  }

  private String issue(String userId, String familyId, Instant familyCreatedAt) {
    String token = Base64Url.randomSecret(32);
    Instant now = clock.instant();
    tokens()
        .insertOne(
            new Document("_id", TokenHashing.sha256(token))
                .append("familyId", familyId)
                .append("familyCreatedAt", Date.from(familyCreatedAt))
                .append("userId", userId)
                .append("createdAt", Date.from(now))
                .append("expiresAt", Date.from(now.plus(lifetime)))
                .append("usedAt", null)
                .append("revokedAt", null));
    return token;
  }

  /**
   * Marks {@code token} used (atomically: of two concurrent uses only one wins) and issues its
   * successor. A token that was already used revokes its family.
   */
  public Rotation rotate(String token) throws RefusedException {
    if (token == null || token.isBlank()) {
      throw new RefusedException("There is no refresh token.");
    }
    String hash = TokenHashing.sha256(token);
    Date now = Date.from(clock.instant());
    Document claimed =
        tokens()
            .findOneAndUpdate(
                Filters.and(
                    Filters.eq("_id", hash),
                    Filters.eq("usedAt", null),
                    Filters.eq("revokedAt", null),
                    Filters.gt("expiresAt", now)),
                Updates.set("usedAt", now),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
    if (claimed == null) {
      Document known = tokens().find(Filters.eq("_id", hash)).first();
      if (known != null && known.get("usedAt") != null) {
        revokeFamily(known.getString("familyId"));
        throw new RefusedException("The refresh token was already used; the session is ended.");
      }
      throw new RefusedException("The refresh token is invalid, expired or revoked.");
    }
    String familyId = claimed.getString("familyId");
    Instant familyCreatedAt = claimed.getDate("familyCreatedAt").toInstant();
    String userId = claimed.getString("userId");
    String successor = issue(userId, familyId, familyCreatedAt);
    families()
        .updateOne(
            Filters.eq("_id", familyId),
            Updates.combine(
                Updates.set("expiresAt", Date.from(clock.instant().plus(lifetime))),
                Updates.setOnInsert("userId", userId),
                Updates.setOnInsert("createdAt", Date.from(familyCreatedAt)),
                Updates.setOnInsert("revokedAt", null)),
            new UpdateOptions().upsert(true));
    return new Rotation(userId, familyId, familyCreatedAt, successor);
  }

  /** The family of a token, to revoke on logout; empty for an unknown token. */
  public Optional<String> familyOf(String token) {
    if (token == null || token.isBlank()) {
      return Optional.empty();
    }
    Document known = tokens().find(Filters.eq("_id", TokenHashing.sha256(token))).first();
    return Optional.ofNullable(known).map(d -> d.getString("familyId"));
  }

  public void revokeFamily(String familyId) {
    Date now = Date.from(clock.instant());
    // Recorded even for a family from before the records: a late rotation must not revive it.
    families()
        .updateOne(
            Filters.eq("_id", familyId),
            Updates.combine(
                Updates.set("revokedAt", now),
                Updates.setOnInsert("expiresAt", Date.from(clock.instant().plus(lifetime)))),
            new UpdateOptions().upsert(true));
    tokens()
        .updateMany(
            Filters.and(Filters.eq("familyId", familyId), Filters.eq("revokedAt", null)),
            Updates.set("revokedAt", now));
  }

  /** Ends every refresh session of a user (disable, password change, demotion, deletion). */
  public void revokeAllOf(String userId) {
    Date now = Date.from(clock.instant());
    families()
        .updateMany(
            Filters.and(Filters.eq("userId", userId), Filters.eq("revokedAt", null)),
            Updates.set("revokedAt", now));
    tokens()
        .updateMany(
            Filters.and(Filters.eq("userId", userId), Filters.eq("revokedAt", null)),
            Updates.set("revokedAt", now));
  }
}
