package org.aiappstore.app.apps.proxy;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.aiappstore.app.config.AppSettings;
import org.aiappstore.app.config.ConfigKey;
import org.aiappstore.app.job.Periodic;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * The WebSocket connections the app proxy keeps open ({@link AppTunnel}): at most {@code
 * aiappstore.apps.proxy.max-websockets} at once, since each holds a thread, and each re-checked
 * every {@link #RECHECK_SECONDS} s against the rule that let it open, so a card made private, a
 * user disabled or signed out everywhere, or an app deleted ends its connections within seconds
 * rather than whenever the browser leaves. How many are open is the gauge {@code
 * app_proxy_websockets} of {@code /metrics?scope=application}.
 */
@ApplicationScoped
public class AppTunnels {

  private static final Logger LOG = Logger.getLogger(AppTunnels.class.getName());
  static final long RECHECK_SECONDS = 5;
  private static final Duration RECHECK = Duration.ofSeconds(RECHECK_SECONDS);

  @Inject AppSettings settings;
  @Resource ManagedThreadFactory threads;
  @Resource ManagedScheduledExecutorService scheduler;

  @Inject
  @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
  MetricRegistry metrics;

  private final Set<AppTunnel> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger reserved = new AtomicInteger();
  private Periodic rechecks;

  /** Shows the gauge from the start, before the first connection. */
  void register(@Observes Startup startup) {
    metrics.gauge("app.proxy.websockets", this, AppTunnels::size);
  }

  /** Takes a place for a connection about to open; false when all places are taken. */
  boolean reserve() {
    return reserve(settings.integer(ConfigKey.APPS_PROXY_MAX_WEBSOCKETS));
  }

  /** Takes a place if fewer than {@code max} are taken. */
  boolean reserve(int max) {
    while (true) {
      int now = reserved.get();
      if (now >= max) {
        return false;
      }
      if (reserved.compareAndSet(now, now + 1)) {
        return true;
      }
    }
  }

  /** Gives back a place: of a connection that did not open, or (through {@link #ended}) closed. */
  void release() {
    reserved.decrementAndGet();
  }

  /** A tunnel whose connection opened: its app-to-browser copy runs on a thread of its own. */
  void started(AppTunnel tunnel, Runnable downstream) {
    open.add(tunnel);
    scheduleRechecks();
    threads.newThread(downstream).start();
  }

  /** A tunnel that closed (called once per tunnel): its place is free again. */
  void ended(AppTunnel tunnel) {
    open.remove(tunnel);
    release();
  }

  /** Connections open now. */
  int size() {
    return open.size();
  }

  private synchronized void scheduleRechecks() {
    if (rechecks == null) {
      rechecks =
          Periodic.start(
              scheduler, "Re-checking WebSocket connections", RECHECK, RECHECK, LOG, this::recheck);
    }
  }

  private void recheck() {
    for (AppTunnel tunnel : open) {
      try {
        if (!tunnel.stillAllowed()) {
          tunnel.end(AppTunnel.POLICY_VIOLATION, "You may no longer use this app.");
        }
      } catch (RuntimeException e) {
        // The database could not say: an open connection stays until the next check can.
        LOG.log(Level.FINE, "Could not re-check a WebSocket connection to an app", e);
      }
    }
  }

  @PreDestroy
  void closeAll() {
    if (rechecks != null) {
      rechecks.stop();
    }
    open.forEach(t -> t.end(AppTunnel.GOING_AWAY, "The server is shutting down."));
  }
}
