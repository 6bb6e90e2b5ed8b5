package org.aiappstore.app.system;

import jakarta.nosql.Column;
import jakarta.nosql.Entity;
import jakarta.nosql.Id;
import java.time.Instant;

/**
 * One document describing this installation: when it was first started and how often it has started
 * since. It proves the database keeps data across restarts and tells operators which database they
 * see.
 */
@Entity("installation")
public class Installation {

  static final String SINGLETON_ID = "installation";

  @Id private String id;
  @Column private Instant installedAt;
  @Column private Instant lastStartedAt;
  @Column private long startCount;

  public Installation() {}

  static Installation firstStart(Instant now) {
    Installation installation = new Installation();
    installation.id = SINGLETON_ID;
    installation.installedAt = now;
    installation.lastStartedAt = now;
    installation.startCount = 1;
    return installation;
  }

  void restarted(Instant now) {
    lastStartedAt = now;
    startCount++;
  }

  public String getId() {
    return id;
  }

  public Instant getInstalledAt() {
    return installedAt;
  }

  public Instant getLastStartedAt() {
    return lastStartedAt;
  }

  public long getStartCount() {
    return startCount;
  }
}
