package org.aiappstore.app.identity.token;

import java.time.Clock;
import java.time.Duration;
import org.aiappstore.app.persistence.MongoConnection;

/** Access tokens as the server issues them, signed with a key kept in the given database. */
public final class TestingAccessTokens {

  private TestingAccessTokens() {}

  public static AccessTokens over(MongoConnection mongo) {
    return new AccessTokens(
        new SigningKeyStore(mongo),
        "aiappstore",
        "aiappstore-api",
        Duration.ofMinutes(10),
        Clock.systemUTC());
  }
}
