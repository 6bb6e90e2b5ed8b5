package org.aiappstore.app.apps;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.aiappstore.plugin.api.deployment.DeploymentBackend;
import org.aiappstore.plugin.api.deployment.DeploymentCapability;
import org.aiappstore.plugin.api.deployment.ManagedApp;

/**
 * Compares the database with what each deployment backend runs, and repairs what is safe to repair:
 *
 * <ul>
 *   <li>An {@link AppState#ACTIVE} app whose objects are all gone becomes {@link AppState#LOST}
 *       (shown to its owner, who may restore it); a lost app whose objects are back is active
 *       again.
 *   <li>Objects with no record (on any backend) are deleted, but only once their creation is older
 *       than the grace period and their deletion has not started.
 *   <li>An app recorded as {@link AppState#CREATING} or {@link AppState#DELETING} is left alone
 *       during the grace period: a request is working on it. After it, a creating app is active or
 *       lost depending on what the backend has, and a deleting app's deletion is finished.
 *   <li>A preview app (no card) older than its time-to-live is deleted like a user would delete it:
 *       marked deleting, its objects deleted, then its record. This runs for every backend, also
 *       those that cannot list their apps.
 * </ul>
 *
 * <p>The backend is listed <em>before</em> the database is read. Since every app is recorded before
 * its objects are created, any object in the listing has its record already stored, so an app being
 * created is never taken for an orphan, whatever its age.
 */
public class AppReconciler {

  private static final Logger LOG = Logger.getLogger(AppReconciler.class.getName());

  private final AppRepository apps;
  private final AppBackends backends;
  private final Clock clock;
  private final Duration grace;
  private final Duration previewTtl;

  public AppReconciler(AppRepository apps, AppBackends backends, Clock clock, Duration grace) {
    this(apps, backends, clock, grace, Duration.ofHours(2));
  }

  public AppReconciler(
      AppRepository apps, AppBackends backends, Clock clock, Duration grace, Duration previewTtl) {
    this.apps = apps;
    this.backends = backends;
    this.clock = clock;
    this.grace = grace;
    this.previewTtl = previewTtl;
  }

  /** What one pass did, for logs and tests. */
  public record Outcome(
      int lost, int found, int orphansDeleted, int finishedDeletes, int previewsExpired) {

    public Outcome(int lost, int found, int orphansDeleted, int finishedDeletes) {
      this(lost, found, orphansDeleted, finishedDeletes, 0);
    }

    Outcome plus(Outcome o) {
      return new Outcome(
          lost + o.lost,
          found + o.found,
          orphansDeleted + o.orphansDeleted,
          finishedDeletes + o.finishedDeletes,
          previewsExpired + o.previewsExpired);
    }

    boolean isEmpty() {
      return lost + found + orphansDeleted + finishedDeletes + previewsExpired == 0;
    }
  }

  /**
   * One pass: expired previews of every backend, then the comparison for every backend that can
   * list its apps. A failing backend does not stop it.
   */
  public Outcome run() {
    Outcome total = new Outcome(0, 0, 0, 0);
    for (String backendId : backends.ids()) {
      Optional<Set<DeploymentCapability>> capabilities = backends.capabilities(backendId);
      if (capabilities.isEmpty()) {
        continue;
      }
      try {
        total = total.plus(expirePreviews(backendId));
        if (capabilities.get().contains(DeploymentCapability.LIST_MANAGED)) {
          total = total.plus(reconcile(backendId, backends.backend(backendId)));
        }
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Could not reconcile the apps of backend " + backendId + ".", e);
      }
    }
    return total;
  }

  /**
   * Deletes the previews of a backend whose time-to-live is over, in the order of a user's delete:
   * the record is marked deleting (a compare-and-set, so a preview published as a card's demo at
   * this moment is left alone), the objects go, then the record. If the backend fails, the app
   * stays deleting and the deleting rule finishes it.
   */
  Outcome expirePreviews(String backendId) {
    Instant now = clock.instant();
    int expired = 0;
    for (App app : apps.findByBackend(backendId)) {
      boolean settled = app.state() == AppState.ACTIVE || app.state() == AppState.LOST;
      if (app.cardId() != null || !settled || app.createdAt().plus(previewTtl).isAfter(now)) {
        continue;
      }
      App deleting = app.withState(AppState.DELETING, now);
      if (!apps.compareAndSet(deleting, app.version())) {
        continue;
      }
      LOG.info(
          () ->
              "Deleting preview app "
                  + app.id()
                  + " of "
                  + app.ownerId()
                  + ": created "
                  + app.createdAt()
                  + ", its time-to-live of "
                  + previewTtl
                  + " is over.");
      backends.backend(backendId).delete(app.id());
      if (apps.delete(app.id(), deleting.version())) {
        expired++;
      }
    }
    return new Outcome(0, 0, 0, 0, expired);
  }

  Outcome reconcile(String backendId, DeploymentBackend backend) {
    Instant listedAt = clock.instant();
    List<ManagedApp> running = backend.listManaged();
    // Read after listing: see the class comment.
    Map<String, App> records = new HashMap<>();
    apps.findByBackend(backendId).forEach(a -> records.put(a.id(), a));
    Instant now = clock.instant();
    Instant graceStart = now.minus(grace);
    Map<String, ManagedApp> byId = new HashMap<>();
    running.forEach(m -> byId.put(m.appId(), m));

    int lost = 0;
    int found = 0;
    int finished = 0;
    for (App app : records.values()) {
      boolean present = byId.containsKey(app.id());
      boolean settled = !app.updatedAt().isAfter(graceStart);
      switch (app.state()) {
        case ACTIVE -> {
          // Changed since the listing (a create or restore that just finished): the listing may
          // predate its objects, so it proves nothing; the next pass decides.
          if (!present
              && app.updatedAt().isBefore(listedAt)
              && apps.compareAndSet(app.withState(AppState.LOST, now), app.version())) {
            lost++;
          }
        }
        case LOST -> {
          if (present && apps.compareAndSet(app.withState(AppState.ACTIVE, now), app.version())) {
            found++;
          }
        }
        case CREATING -> {
          // A request that is still deploying would have finished long before the grace ends.
          if (settled) {
            AppState next = present ? AppState.ACTIVE : AppState.LOST;
            if (apps.compareAndSet(app.withState(next, now), app.version())) {
              lost += present ? 0 : 1;
              found += present ? 1 : 0;
            }
          }
        }
        case DELETING -> {
          if (settled) {
            backend.delete(app.id());
            if (apps.delete(app.id(), app.version())) {
              finished++;
            }
          }
        }
      }
    }

    int orphans = 0;
    for (ManagedApp managed : running) {
      if (records.containsKey(managed.appId())
          || managed.deleting()
          || managed.createdAt().isAfter(graceStart)) {
        continue;
      }
      // Re-checked just before deleting: the cost is one read, the risk it removes is a lost app.
      // An app recorded on another backend is that backend's: two connectors of one plugin in one
      // namespace both list it, since the plugins label objects with their plugin id.
      if (apps.findById(managed.appId()).isPresent()) {
        continue;
      }
      LOG.info(
          () ->
              "Deleting orphaned app objects "
                  + managed.name()
                  + " (app id "
                  + managed.appId()
                  + ", created "
                  + managed.createdAt()
                  + ") from backend "
                  + backendId
                  + ".");
      if (backend.delete(managed.appId())) {
        orphans++;
      }
    }
    return new Outcome(lost, found, orphans, finished);
  }
}
