package org.aiappstore.app.system;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.eclipse.jnosql.mapping.document.DocumentTemplate;

/** Records each start of the server in the {@link Installation} document. */
@ApplicationScoped
public class InstallationRegistry {

  @Inject DocumentTemplate template;

  private final Clock clock = Clock.systemUTC();
  private volatile Installation current;

  void onStartup(@Observes Startup startup) {
    Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
    // JNoSQL's update does not upsert: the first start inserts, later starts update.
    current =
        template
            .find(Installation.class, Installation.SINGLETON_ID)
            .map(
                existing -> {
                  existing.restarted(now);
                  return template.update(existing);
                })
            .orElseGet(() -> template.insert(Installation.firstStart(now)));
  }

  public Installation current() {
    return current;
  }
}
