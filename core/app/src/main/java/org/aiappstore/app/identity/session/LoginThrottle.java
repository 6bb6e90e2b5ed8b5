package org.aiappstore.app.identity.session;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.aiappstore.app.config.AppSettings;
import org.aiappstore.app.config.ConfigKey;
import org.aiappstore.app.persistence.MongoConnection;
import org.aiappstore.app.problem.ProblemException;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/**
 * Slows down password guessing, per account and per client address, in {@code login_attempts}
 * (shared by every replica). Before a password is checked the attempt takes a place under each key:
 * one document per key lists the places taken within the window, and a place is added only by an
 * update whose filter requires a free one, so the database admits at most the limit however many
 * attempts arrive at once, on however many replicas; the others are refused with 429 before any
 * password is checked. A place kept is a failure; a right password gives the attempt's places back
 * through {@link #forgive}.
 */
@ApplicationScoped
public class LoginThrottle {

  /** The places one attempt took: failures unless {@link #forgive forgiven}. */
  public record Attempt(String usernameKey, String address, ObjectId addressPlace) {}

  private static final String SIGN_IN_REFUSED = "Too many failed sign-in attempts.";
  private static final String PASSWORD_CHECK_REFUSED = "Too many wrong passwords for this account.";
  private static final int UPSERT_RACES = 3;

  @Inject MongoConnection mongo;
  @Inject AppSettings settings;

  private int accountLimit;
  private int addressLimit;
  private Duration window;
  private Clock clock = Clock.systemUTC();

  public LoginThrottle() {}

  public LoginThrottle(
      MongoConnection mongo, int accountLimit, int addressLimit, Duration window, Clock clock) {
    this.mongo = mongo;
    this.accountLimit = accountLimit;
    this.addressLimit = addressLimit;
    this.window = window;
    this.clock = clock;
    createIndexes();
  }

  @PostConstruct
  void configure() {
    accountLimit = settings.integer(ConfigKey.THROTTLE_ACCOUNT_MAX_FAILURES);
    addressLimit = settings.integer(ConfigKey.THROTTLE_ADDRESS_MAX_FAILURES);
    window = Duration.ofMinutes(settings.integer(ConfigKey.THROTTLE_WINDOW_MINUTES));
    createIndexes();
  }

  /** A key's document goes once its last place has left the window. */
  private void createIndexes() {
    attempts()
        .createIndex(
            Indexes.ascending("expiresAt"), new IndexOptions().expireAfter(0L, TimeUnit.SECONDS));
  }

  private MongoCollection<Document> attempts() {
    return mongo.database().getCollection("login_attempts");
  }

  /**
   * A sign-in attempt: takes a place for the account and one for the client address, or throws 429
   * with Retry-After when either has none free.
   */
  public Attempt reserve(String usernameKey, String address) {
    ObjectId account = take(accountKey(usernameKey), accountLimit, SIGN_IN_REFUSED);
    try {
      return new Attempt(
          usernameKey, address, take(addressKey(address), addressLimit, SIGN_IN_REFUSED));
    } catch (ProblemException refused) {
      giveBack(accountKey(usernameKey), account);
      throw refused;
    }
  }

  /**
   * A password check of a signed-in user (the current password when changing it): takes a place for
   * the account only, among the same places as its sign-ins.
   */
  public Attempt reserve(String usernameKey) {
    take(accountKey(usernameKey), accountLimit, PASSWORD_CHECK_REFUSED);
    return new Attempt(usernameKey, null, null);
  }

  /**
   * The password was right: forgives the account's failures (its own place and earlier ones) and
   * gives back the attempt's place at the address without forgiving the address's other failures.
   */
  public void forgive(Attempt attempt) {
    attempts().deleteOne(Filters.eq("_id", accountKey(attempt.usernameKey())));
    if (attempt.addressPlace() != null) {
      giveBack(addressKey(attempt.address()), attempt.addressPlace());
    }
  }

  private static String accountKey(String usernameKey) {
    return "account:" + usernameKey;
  }

  private static String addressKey(String address) {
    return "address:" + address;
  }

  private ObjectId take(String key, int limit, String refusal) {
    Instant now = clock.instant();
    attempts()
        .updateOne(
            Filters.eq("_id", key),
            Updates.pull("places", Filters.lte("at", Date.from(now.minus(window)))));
    ObjectId place = new ObjectId();
    Bson free = Filters.and(Filters.eq("_id", key), Filters.exists("places." + (limit - 1), false));
    Bson add =
        Updates.combine(
            Updates.push("places", new Document("id", place).append("at", Date.from(now))),
            Updates.max("expiresAt", Date.from(now.plus(window))));
    for (int race = 0; race < UPSERT_RACES; race++) {
      try {
        attempts().updateOne(free, add, new UpdateOptions().upsert(true));
        return place;
      } catch (MongoWriteException e) {
        if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
          throw e;
        }
        // The key's document exists and has no free place, or another attempt created it at the
        // same moment: only the latter gets a place by trying again.
        if (attempts().updateOne(free, add).getModifiedCount() == 1) {
          return place;
        }
        if (attempts().find(Filters.eq("_id", key)).first() != null) {
          break;
        }
      }
    }
    long seconds = retryAfter(key, limit, now);
    throw new ProblemException(
        429,
        "TOO_MANY_ATTEMPTS",
        refusal + " Try again in " + seconds + " seconds.",
        List.of(),
        Map.of("Retry-After", String.valueOf(seconds)));
  }

  private void giveBack(String key, ObjectId place) {
    attempts().updateOne(Filters.eq("_id", key), Updates.pull("places", Filters.eq("id", place)));
  }

  /**
   * Seconds until a place is free again: when the place that filled the key leaves the window (at
   * least 1).
   */
  private long retryAfter(String key, int limit, Instant now) {
    Document taken = attempts().find(Filters.eq("_id", key)).first();
    List<Document> places = taken == null ? List.of() : taken.getList("places", Document.class);
    return places.stream()
        .map(p -> p.getDate("at").toInstant())
        .sorted(Comparator.reverseOrder())
        .skip(limit - 1L)
        .findFirst()
        .map(filling -> Math.max(1, Duration.between(now, filling.plus(window)).toSeconds() + 1))
        .orElse(1L);
  }
}
