package org.aiappstore.app.webhook;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.aiappstore.app.config.AppSettings;
import org.aiappstore.app.config.ConfigKey;
import org.aiappstore.app.job.Periodic;
import org.aiappstore.app.persistence.Leases;
import org.aiappstore.app.persistence.MongoConnection;

/**
 * Runs the {@link DeliveryWorker} from the managed scheduler every {@code
 * aiappstore.webhooks.poll-millis} (polls never overlap). The allow-list is read again for every
 * delivery, so narrowing it stops deliveries that were already queued.
 */
@ApplicationScoped
public class WebhookScheduler {

  private static final Logger LOG = Logger.getLogger(WebhookScheduler.class.getName());
  static final Duration LEASE_TTL = Duration.ofSeconds(30);

  @Inject WebhookStore hooks;
  @Inject Outbox outbox;
  @Inject MongoConnection mongo;
  @Inject AppSettings settings;

  @Resource ManagedScheduledExecutorService scheduler;

  private DeliveryWorker worker;
  private Periodic poll;

  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    Duration timeout =
        Duration.ofSeconds(Math.max(1, settings.integer(ConfigKey.WEBHOOKS_TIMEOUT_SECONDS)));
    worker =
        new DeliveryWorker(
            hooks,
            outbox,
            new Leases(mongo),
            new HttpDelivery(timeout),
            () -> new HostAllowList(settings.list(ConfigKey.WEBHOOKS_ALLOWED_HOSTS)),
            new Backoff(
                Duration.ofMillis(
                    Math.max(10, settings.longValue(ConfigKey.WEBHOOKS_RETRY_BASE_MILLIS)))),
            settings.integer(ConfigKey.WEBHOOKS_MAX_ATTEMPTS),
            UUID.randomUUID().toString(),
            Clock.systemUTC(),
            LEASE_TTL.plus(timeout));
    Duration interval =
        Duration.ofMillis(Math.max(100, settings.integer(ConfigKey.WEBHOOKS_POLL_MILLIS)));
    poll = Periodic.start(scheduler, "Webhook delivery", interval, interval, LOG, this::deliverDue);
  }

  @PreDestroy
  void stop() {
    if (poll != null) {
      poll.stop();
    }
    try {
      if (worker != null) {
        worker.release();
      }
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "Could not release the webhooks lease; it expires by itself.", e);
    }
  }

  private void deliverDue() {
    while (worker.tick() == DeliveryWorker.BATCH) {
      // a full batch: more may be due
    }
  }
}
