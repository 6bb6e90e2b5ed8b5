package org.aiappstore.app.identity.apitoken;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.aiappstore.app.identity.token.Base64Url;
import org.aiappstore.app.identity.token.TokenHashing;
import org.aiappstore.app.persistence.MongoConnection;
import org.bson.Document;

/**
 * Personal API tokens ({@code aas_pat_...}) for scripts and CI. Only the SHA-256 of a token is
 * stored; the token itself is shown once, when it is created.
 */
@ApplicationScoped
public class PersonalTokenStore {

  public static final String PREFIX = "aas_pat_";
  public static final String READ = "read";
  public static final String WRITE = "write";

  /** A valid token: whose it is and what it may do. */
  public record ValidToken(String id, String userId, String scope) {}

  /** lastUsedAt is informative: write it at most once a minute per token, not on every request. */
  private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

  @Inject MongoConnection mongo;

  private Clock clock = Clock.systemUTC();

  public PersonalTokenStore() {}

  public PersonalTokenStore(MongoConnection mongo) {
    this.mongo = mongo;
    createIndexes();
  }

  @PostConstruct
  void createIndexes() {
    tokens().createIndex(Indexes.ascending("hash"), new IndexOptions().unique(true));
    tokens().createIndex(Indexes.ascending("userId"));
  }

  private MongoCollection<Document> tokens() {
    return mongo.database().getCollection("personal_tokens");
  }

  public PersonalTokenView create(String userId, String name, String scope, int expiresInDays) {
    String token = PREFIX + Base64Url.randomSecret(32);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Instant expiresAt = now.plus(Duration.ofDays(expiresInDays));
    String id = UUID.randomUUID().toString();
    tokens()
        .insertOne(
            new Document("_id", id)
                .append("hash", TokenHashing.sha256(token))
                .append("userId", userId)
                .append("name", name)
                .append("scope", scope)
                .append("createdAt", Date.from(now))
                .append("expiresAt", Date.from(expiresAt))
                .append("lastUsedAt", null));
    return new PersonalTokenView(id, name, scope, now, expiresAt, null, token);
  }

  public List<PersonalTokenView> list(String userId) {
    List<PersonalTokenView> views = new ArrayList<>();
    tokens()
        .find(Filters.eq("userId", userId))
        .sort(Sorts.ascending("createdAt"))
        .forEach(d -> views.add(view(d)));
    return views;
  }

  /** Revokes (deletes) one of the user's tokens; false when the user has no such token. */
  public boolean delete(String userId, String id) {
    return tokens()
            .deleteOne(Filters.and(Filters.eq("_id", id), Filters.eq("userId", userId)))
            .getDeletedCount()
        == 1;
  }

  /** Revokes every token of the user; answers how many there were. */
  public long deleteAllOf(String userId) {
    return tokens().deleteMany(Filters.eq("userId", userId)).getDeletedCount();
  }

  /** The token's owner and scope if it exists and has not expired. */
  public Optional<ValidToken> validate(String token) {
    Instant now = clock.instant();
    Document found = tokens().find(Filters.eq("hash", TokenHashing.sha256(token))).first();
    if (found == null || !found.getDate("expiresAt").toInstant().isAfter(now)) {
      return Optional.empty();
    }
    Date lastUsed = found.getDate("lastUsedAt");
    if (lastUsed == null || lastUsed.toInstant().plus(TOUCH_INTERVAL).isBefore(now)) {
      tokens()
          .updateOne(
              Filters.eq("_id", found.get("_id")), Updates.set("lastUsedAt", Date.from(now)));
    }
    return Optional.of(
        new ValidToken(
            found.getString("_id"), found.getString("userId"), found.getString("scope")));
  }

  /** Whether the token with this id still exists (not revoked) and has not expired. */
  public boolean isLive(String id) {
    if (id == null) {
      return false;
    }
    Document found = tokens().find(Filters.eq("_id", id)).first();
    return found != null && found.getDate("expiresAt").toInstant().isAfter(clock.instant());
  }

  private static PersonalTokenView view(Document d) {
    Date lastUsed = d.getDate("lastUsedAt");
    return new PersonalTokenView(
        d.getString("_id"),
        d.getString("name"),
        d.getString("scope"),
        d.getDate("createdAt").toInstant(),
        d.getDate("expiresAt").toInstant(),
        lastUsed == null ? null : lastUsed.toInstant(),
        null);
  }
}
