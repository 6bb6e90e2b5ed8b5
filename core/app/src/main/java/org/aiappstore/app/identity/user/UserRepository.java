package org.aiappstore.app.identity.user;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.aiappstore.app.persistence.MongoConnection;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The {@code users} collection, through the MongoDB driver: unique indexes and compare-and-set
 * updates on {@code version} are what keep usernames unique and concurrent edits safe without
 * transactions.
 */
@ApplicationScoped
public class UserRepository {

  private static final String USERNAME_KEY = "usernameKey";
  private static final String EXTERNAL_KEY = "externalKey";

  @Inject MongoConnection mongo;

  public UserRepository() {}

  public UserRepository(MongoConnection mongo) {
    this.mongo = mongo;
    createIndexes();
  }

  @PostConstruct
  void createIndexes() {
    MongoCollection<Document> users = users();
    users.createIndex(Indexes.ascending(USERNAME_KEY), new IndexOptions().unique(true));
    // Every user has an externalKey (issuer+subject for OIDC users, a per-user value otherwise),
    // so a plain unique index works on MongoDB and on the embedded server alike.
    users.createIndex(Indexes.ascending(EXTERNAL_KEY), new IndexOptions().unique(true));
    users.createIndex(Indexes.ascending("createdAt"));
  }

  private MongoCollection<Document> users() {
    return mongo.database().getCollection("users");
  }

  /** Stores a new user; throws {@link DuplicateUserException} when the username is taken. */
  public User insert(User user) {
    try {
      users().insertOne(toDocument(user));
      return user;
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
        throw new DuplicateUserException("The username '" + user.username() + "' is taken.");
      }
      throw e;
    }
  }

  /**
   * Writes {@code changed} only if the stored user still has {@code changed.version()}; the stored
   * version becomes one higher. Returns the stored user, or empty when someone else changed it
   * first.
   */
  public Optional<User> compareAndSet(User changed) {
    User next =
        new User(
            changed.id(),
            changed.username(),
            changed.displayName(),
            changed.email(),
            changed.roles(),
            changed.passwordHash(),
            changed.disabled(),
            changed.createdAt(),
            changed.updatedAt(),
            changed.version() + 1,
            changed.sessionsNotBefore(),
            changed.issuer(),
            changed.subject(),
            changed.providerSignInAt());
    long matched =
        users()
            .replaceOne(
                Filters.and(
                    Filters.eq("_id", changed.id()), Filters.eq("version", changed.version())),
                toDocument(next))
            .getMatchedCount();
    return matched == 1 ? Optional.of(next) : Optional.empty();
  }

  public Optional<User> findById(String id) {
    return Optional.ofNullable(users().find(Filters.eq("_id", id)).first()).map(this::fromDocument);
  }

  public Optional<User> findByUsername(String username) {
    return Optional.ofNullable(
            users().find(Filters.eq(USERNAME_KEY, User.usernameKey(username))).first())
        .map(this::fromDocument);
  }

  public Optional<User> findByExternalIdentity(String issuer, String subject) {
    return Optional.ofNullable(
            users().find(Filters.eq(EXTERNAL_KEY, externalKey(issuer, subject))).first())
        .map(this::fromDocument);
  }

  public long count() {
    return users().countDocuments();
  }

  public long countEnabledAdminsOtherThan(String id) {
    return users()
        .countDocuments(
            Filters.and(
                Filters.eq("roles", Role.ADMIN),
                Filters.eq("disabled", false),
                Filters.ne("_id", id)));
  }

  public boolean delete(String id) {
    return users().deleteOne(Filters.eq("_id", id)).getDeletedCount() == 1;
  }

  public UserPage search(UserQuery query) {
    List<Bson> filters = new ArrayList<>();
    if (query.q() != null && !query.q().isBlank()) {
      String literal = literalPattern(query.q().trim());
      filters.add(
          Filters.or(
              Filters.regex(USERNAME_KEY, literal, "i"),
              Filters.regex("displayName", literal, "i")));
    }
    if (query.role() != null) {
      filters.add(Filters.eq("roles", query.role()));
    }
    if (query.createdAfter() != null) {
      filters.add(Filters.gte("createdAt", Date.from(query.createdAfter())));
    }
    if (query.createdBefore() != null) {
      filters.add(Filters.lt("createdAt", Date.from(query.createdBefore())));
    }
    Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
    String field =
        switch (query.sortField()) {
          case "username" -> USERNAME_KEY;
          case "displayName" -> "displayNameKey";
          default -> "createdAt";
        };
    Bson sort =
        Sorts.orderBy(
            query.descending() ? Sorts.descending(field) : Sorts.ascending(field),
            Sorts.ascending("_id"));
    List<UserView> items = new ArrayList<>();
    users()
        .find(filter)
        .sort(sort)
        .skip(query.page() * query.size())
        .limit(query.size())
        .forEach(d -> items.add(UserView.of(fromDocument(d))));
    return new UserPage(items, users().countDocuments(filter), query.page(), query.size());
  }

  /**
   * Escapes every character that is not a letter, digit or space, so user input is matched as
   * literal text by any regex engine (MongoDB's PCRE and the embedded server's java.util.regex).
   */
  static String literalPattern(String text) {
    StringBuilder pattern = new StringBuilder();
    text.codePoints()
        .forEach(
            c -> {
              if (!Character.isLetterOrDigit(c) && c != ' ') {
                pattern.append('\\');
              }
              pattern.appendCodePoint(c);
            });
    return pattern.toString();
  }

  private static String externalKey(String issuer, String subject) {
    return issuer + "#" + subject;
  }

  private static Document toDocument(User user) {
    return new Document("_id", user.id())
        .append("username", user.username())
        .append(USERNAME_KEY, User.usernameKey(user.username()))
        .append("displayName", user.displayName())
        // Sorting by display name ignores case: collation is not available everywhere.
        .append("displayNameKey", User.usernameKey(user.displayName()))
        .append("email", user.email())
        .append("roles", new ArrayList<>(user.roles()))
        .append("passwordHash", user.passwordHash())
        .append("disabled", user.disabled())
        .append("createdAt", Date.from(user.createdAt()))
        .append("updatedAt", Date.from(user.updatedAt()))
        .append("version", user.version())
        .append(
            "sessionsNotBefore",
            user.sessionsNotBefore() == null ? null : Date.from(user.sessionsNotBefore()))
        .append("issuer", user.issuer())
        .append("subject", user.subject())
        .append(
            "providerSignInAt",
            user.providerSignInAt() == null ? null : Date.from(user.providerSignInAt()))
        .append(
            EXTERNAL_KEY,
            user.isExternal() ? externalKey(user.issuer(), user.subject()) : "local#" + user.id());
  }

  private User fromDocument(Document d) {
    return new User(
        d.getString("_id"),
        d.getString("username"),
        d.getString("displayName"),
        d.getString("email"),
        new HashSet<>(d.getList("roles", String.class, List.of())),
        d.getString("passwordHash"),
        d.getBoolean("disabled", false),
        instant(d, "createdAt"),
        instant(d, "updatedAt"),
        ((Number) d.get("version")).longValue(),
        instant(d, "sessionsNotBefore"),
        d.getString("issuer"),
        d.getString("subject"),
        instant(d, "providerSignInAt"));
  }

  private static Instant instant(Document d, String field) {
    Date date = d.getDate(field);
    return date == null ? null : date.toInstant();
  }
}
