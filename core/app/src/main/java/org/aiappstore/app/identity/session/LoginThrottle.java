package org.aiappstore.app.identity.session;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.aiappstore.app.config.AppSettings;
import org.aiappstore.app.config.ConfigKey;
import org.aiappstore.app.persistence.MongoConnection;
import org.aiappstore.app.problem.ProblemException;
import org.bson.Document;

/**
 * Slows down password guessing: failed logins are recorded per account and per client address in
 * {@code login_failures} (expired by a TTL index, so shared by every replica), and once a key has
 * reached its limit within the window further attempts are refused with 429 before any password is
 * checked.
 */
@ApplicationScoped
public class LoginThrottle {

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

  private void createIndexes() {
    failures()
        .createIndex(
            Indexes.ascending("at"),
            new IndexOptions().expireAfter(window.toSeconds(), TimeUnit.SECONDS));
    failures().createIndex(Indexes.ascending("key", "at"));
  }

  private MongoCollection<Document> failures() {
    return mongo.database().getCollection("login_failures");
  }

  /** Throws 429 with Retry-After when either the account or the address is over its limit. */
  public void checkAllowed(String usernameKey, String address) {
    OptionalLong wait = retryAfter("account:" + usernameKey, accountLimit);
    if (wait.isEmpty()) {
      wait = retryAfter("address:" + address, addressLimit);
    }
    if (wait.isPresent()) {
      long seconds = wait.getAsLong();
      throw new ProblemException(
          429,
          "TOO_MANY_ATTEMPTS",
          "Too many failed sign-in attempts. Try again in " + seconds + " seconds.",
          java.util.List.of(),
          Map.of("Retry-After", String.valueOf(seconds)));
    }
  }

  public void recordFailure(String usernameKey, String address) {
    Date now = Date.from(clock.instant());
    failures().insertOne(new Document("key", "account:" + usernameKey).append("at", now));
    failures().insertOne(new Document("key", "address:" + address).append("at", now));
  }

  /** A successful sign-in forgives the account's earlier failures (not the address's). */
  public void recordSuccess(String usernameKey) {
    failures().deleteMany(Filters.eq("key", "account:" + usernameKey));
  }

  /**
   * Seconds until the key is below its limit again: when the failure that brought it to the limit
   * leaves the window. Empty when attempts are allowed now.
   */
  private OptionalLong retryAfter(String key, int limit) {
    Instant now = clock.instant();
    Document limiting =
        failures()
            .find(
                Filters.and(Filters.eq("key", key), Filters.gt("at", Date.from(now.minus(window)))))
            .sort(Sorts.descending("at"))
            .skip(limit - 1)
            .first();
    if (limiting == null) {
      return OptionalLong.empty();
    }
    Instant free = limiting.getDate("at").toInstant().plus(window);
    long seconds = Math.max(1, Duration.between(now, free).toSeconds() + 1);
    return OptionalLong.of(seconds);
  }
}
