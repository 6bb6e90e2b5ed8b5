package org.aiappstore.app.apps;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.aiappstore.app.config.AppSettings;
import org.aiappstore.app.config.ConfigKey;
import org.aiappstore.app.identity.security.Caller;
import org.aiappstore.app.model.CardAccess;
import org.aiappstore.app.model.CardContent;
import org.aiappstore.app.model.CardRepository;
import org.aiappstore.app.model.ModelCard;
import org.aiappstore.app.problem.JsonPointer;
import org.aiappstore.app.problem.Problem;
import org.aiappstore.app.problem.ProblemException;
import org.aiappstore.plugin.api.deployment.AppResources;
import org.aiappstore.plugin.api.deployment.AppSpec;
import org.aiappstore.plugin.api.deployment.AppStatus;
import org.aiappstore.plugin.api.deployment.DeploymentBackend;
import org.aiappstore.plugin.api.deployment.DeploymentCapability;
import org.aiappstore.plugin.api.deployment.InvalidAppSpecException;
import org.aiappstore.plugin.api.deployment.KubernetesNames;
import org.aiappstore.plugin.api.deployment.LogListener;
import org.aiappstore.plugin.api.deployment.LogRequest;
import org.aiappstore.plugin.api.deployment.LogSubscription;
import org.aiappstore.plugin.api.deployment.Quantities;
import org.aiappstore.plugin.api.deployment.RenderedManifests;
import org.aiappstore.plugin.api.deployment.SpecViolation;
import org.aiappstore.plugin.api.error.PlatformErrors;
import org.aiappstore.plugin.api.error.PlatformException;

/**
 * Demo apps: who may do what, validation against the spec, the administrator's maxima and the
 * backend's capabilities, and keeping the database and the backend in step.
 *
 * <p>Who: the owner and admins may change an app, see its environment, its pods and events, and
 * read its logs; anyone who may read its card sees its image, state, URL and status phase; to
 * everyone else it does not exist (404).
 *
 * <p>Secrets: secret environment values go to the backend only, which keeps them in a Kubernetes
 * Secret. The database holds their names; every later update or restore sends {@link AppSpec#MASK}
 * for a value the caller did not change, so the backend keeps the stored one.
 *
 * <p>Ordering: a new app is recorded as {@link AppState#CREATING} before the backend creates
 * anything, so the reconciler, which lists the backend before it reads the database, always finds
 * the record of any object it sees and never mistakes an app being created for an orphan.
 */
@ApplicationScoped
public class AppService {

  private static final Logger LOG = Logger.getLogger(AppService.class.getName());
  private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final int ID_LENGTH = 20;
  static final String CARD_LABEL = "aiappstore.org/card-id";
  static final String OWNER_LABEL = "aiappstore.org/owner-id";

  @Inject AppRepository apps;
  @Inject CardRepository cards;
  @Inject AppBackends backends;
  @Inject AppSettings settings;
  @Inject Event<AppLifecycle> lifecycleEvents;
  @Inject AppBackendChoice choice;

  private final SecureRandom random = new SecureRandom();
  private Consumer<AppLifecycle> lifecycle = event -> {};
  private AppLimits limits;
  private AppQuotas quotas;
  private Duration previewTtl;
  private Clock clock = Clock.systemUTC();

  public AppService() {}

  AppService(
      AppRepository apps,
      CardRepository cards,
      AppBackends backends,
      AppLimits limits,
      Clock clock) {
    this(apps, cards, backends, limits, new AppQuotas(100, 100), Duration.ofHours(2), clock);
  }

  AppService(
      AppRepository apps,
      CardRepository cards,
      AppBackends backends,
      AppLimits limits,
      AppQuotas quotas,
      Duration previewTtl,
      Clock clock) {
    this(
        apps,
        cards,
        backends,
        limits,
        quotas,
        previewTtl,
        new AppBackendChoice(backends, null, null, clock),
        clock);
  }

  AppService(
      AppRepository apps,
      CardRepository cards,
      AppBackends backends,
      AppLimits limits,
      AppQuotas quotas,
      Duration previewTtl,
      AppBackendChoice choice,
      Clock clock) {
    this.choice = choice;
    this.apps = apps;
    this.cards = cards;
    this.backends = backends;
    this.limits = limits;
    this.quotas = quotas;
    this.previewTtl = previewTtl;
    this.clock = clock;
  }

  @PostConstruct
  void readLimits() {
    limits = AppLimits.from(settings);
    quotas = AppQuotas.from(settings);
    previewTtl = settings.duration(ConfigKey.APPS_PREVIEW_TTL);
    lifecycle = lifecycleEvents::fire;
  }

  /** Where deployment outcomes go; the container fires them as CDI events. */
  void onLifecycle(Consumer<AppLifecycle> listener) {
    lifecycle = listener;
  }

  /** An app and what the caller may do with it. */
  public record Access(App app, boolean manage) {}

  /** A page of apps. */
  public record AppPage(List<App> items, long total, int page, int size) {}

  /** A backend apps can be deployed on, for the app form. */
  public record BackendSummary(
      String id, String displayName, Set<DeploymentCapability> capabilities) {}

  /** Every configured deployment backend with what it declares. */
  public List<BackendSummary> backends() {
    List<BackendSummary> summaries = new ArrayList<>();
    for (String id : backends.ids()) {
      backends
          .capabilities(id)
          .ifPresent(c -> summaries.add(new BackendSummary(id, backends.displayName(id), c)));
    }
    return summaries;
  }

  /** The administrator's maxima, which the app form shows as bounds. */
  public AppLimits limits() {
    return limits;
  }

  /** Where an app created without a backend goes, and why if that is not the default. */
  public AppBackendChoice.Choice backendChoice() {
    return choice.current();
  }

  /** What each user's apps may use together. */
  public AppQuotas quotas() {
    return quotas;
  }

  /** What the caller's apps use now, for "3 of 5 apps" in the app form. */
  public AppQuotas.Usage usage(Caller caller) {
    return apps.usage(caller.userId());
  }

  /** When the reconciler deletes a preview app; empty for a card's demo, which stays. */
  public Optional<Instant> expiresAt(App app) {
    return app.cardId() == null ? Optional.of(app.createdAt().plus(previewTtl)) : Optional.empty();
  }

  // ---- create

  public App create(Caller caller, AppInput input) {
    NewApp prepared = prepare(caller, input, false);
    App recorded = prepared.app();
    AppSpec spec = prepared.spec();
    apps.insert(recorded);
    requireQuotaWithRecord(caller, recorded);
    DeploymentBackend backend;
    AppStatus status;
    try {
      backend = backends.backend(recorded.backendId());
      status = backend.deploy(spec);
    } catch (RuntimeException e) {
      abandon(recorded);
      RuntimeException problem = translate(e);
      lifecycle.accept(AppLifecycle.failed(recorded, problem.getMessage()));
      throw problem;
    }
    App active =
        recorded
            .withUrl(status.url() == null ? null : status.url().toString())
            .withState(AppState.ACTIVE, clock.instant());
    if (!apps.compareAndSet(active, recorded.version())) {
      // Only a delete can have raced with us here; the record's new state wins.
      return apps.findById(active.id()).orElse(active);
    }
    if (cardDeletedMeanwhile(active)) {
      throw new ProblemException(
          409,
          "CARD_DELETED",
          "The card was deleted while its demo app was being created; the app was deleted too.");
    }
    lifecycle.accept(AppLifecycle.ready(active));
    return active;
  }

  /**
   * Whether the card of a just-created app was deleted during its creation, and if so deletes the
   * app: the card's deletion left it alone while it was being created ({@link
   * #deleteAppsOfDeletedCard}), and nothing else would ever delete it.
   */
  private boolean cardDeletedMeanwhile(App created) {
    if (created.cardId() == null || cards.findById(created.cardId()).isPresent()) {
      return false;
    }
    try {
      apps.findById(created.id()).ifPresent(this::deleteAppOfDeletedCard);
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "Could not delete app " + created.id() + " of the deleted card " + created.cardId(),
          e);
    }
    return true;
  }

  /**
   * The manifests a create would apply, checked like a create (same validation, maxima and card
   * rule) but neither recorded nor applied. The backend is given {@link AppSpec#MASK} for every
   * secret value, so no value it renders can leak one.
   */
  public RenderedManifests preview(Caller caller, AppInput input) {
    NewApp prepared = prepare(caller, input, true);
    Map<String, String> masked = new LinkedHashMap<>();
    prepared.app().secretEnvNames().forEach(name -> masked.put(name, AppSpec.MASK));
    AppSpec spec = specOf(prepared.app(), masked);
    try {
      return backends.backend(prepared.app().backendId()).preview(spec);
    } catch (RuntimeException e) {
      throw translate(e);
    }
  }

  /** A new app's record (creating) and spec, after every check a create makes. */
  private record NewApp(App app, AppSpec spec) {}

  private NewApp prepare(Caller caller, AppInput input, boolean previewing) {
    List<Problem.FieldError> errors = new ArrayList<>();
    String backendId =
        input.backendId() != null ? input.backendId() : choice.current().effectiveBackend();
    if (backendId == null) {
      errors.add(new Problem.FieldError("/backendId", "is required: no backend is configured"));
    }
    if (input.image() == null) {
      errors.add(new Problem.FieldError("/image", "is required"));
    }
    if (input.port() == null) {
      errors.add(new Problem.FieldError("/port", "is required"));
    }
    Set<DeploymentCapability> capabilities = Set.of();
    if (backendId != null) {
      Optional<Set<DeploymentCapability>> declared = backends.capabilities(backendId);
      if (declared.isEmpty()) {
        errors.add(new Problem.FieldError("/backendId", "is not a deployment backend"));
      } else {
        capabilities = declared.get();
      }
    }
    String ownerId = caller.userId();
    if (input.cardId() != null) {
      Optional<ModelCard> card =
          cards.findById(input.cardId()).filter(c -> CardAccess.canRead(c, caller));
      if (card.isEmpty()) {
        errors.add(new Problem.FieldError("/cardId", "is not a card you can see"));
      } else if (!CardAccess.canWrite(card.get(), caller)) {
        throw new ProblemException(
            403, "FORBIDDEN", "Only the card's owner or an admin may add a demo app to it.");
      } else {
        // The card's owner manages its demo, also when an admin created it for them.
        ownerId = card.get().ownerId();
      }
    }
    PlatformEnv.check(input.env(), "env", errors);
    PlatformEnv.check(input.secretEnv(), "secretEnv", errors);
    // A preview never sees the values, so the mask (an edit form's untouched secret) is fine there.
    if (input.secretEnv() != null && !previewing) {
      input
          .secretEnv()
          .forEach(
              (name, value) -> {
                if (AppSpec.MASK.equals(value)) {
                  errors.add(
                      new Problem.FieldError(
                          "/secretEnv/" + JsonPointer.escape(name), "needs a value, not the mask"));
                }
              });
    }
    failIfAny(errors);

    String id = newId();
    Instant now = clock.instant();
    AppInput.ResourcesInput r = input.resources();
    App app =
        new App(
            id,
            App.nameOf(id),
            input.cardId(),
            ownerId,
            backendId,
            input.image(),
            input.port(),
            input.env(),
            input.secretEnv() == null ? List.of() : List.copyOf(input.secretEnv().keySet()),
            null,
            orDefault(input.minReplicas(), 1),
            orDefault(input.maxReplicas(), orDefault(input.minReplicas(), 1)),
            Boolean.TRUE.equals(input.scaleToZero()),
            AppState.CREATING,
            null,
            now,
            now,
            1);
    AppSpec spec =
        spec(
            app,
            r == null
                ? null
                : new String[] {r.cpuRequest(), r.cpuLimit(), r.memoryRequest(), r.memoryLimit()},
            r == null ? null : r.gpus(),
            input.secretEnv() == null ? Map.of() : input.secretEnv(),
            capabilities);
    if (!previewing) {
      quotas.require(
          caller,
          ownerId,
          AppQuotas.CARD_OWNER_HAS,
          apps.usage(ownerId),
          1,
          App.gpusAtMost(spec.resources().gpus(), app.maxReplicas()));
    }
    return new NewApp(withResources(app, spec.resources()), spec);
  }

  /**
   * The quota checked again with the new record written. Two creates that passed the first check at
   * the same time both write their record; whichever counts after the other's write sees it and
   * withdraws, so an owner never ends up over the quota, on any number of servers (when both count
   * late, both withdraw and the user tries again).
   */
  private void requireQuotaWithRecord(Caller caller, App recorded) {
    AppQuotas.Usage withIt = apps.usage(recorded.ownerId());
    int gpus = recorded.gpusAtMost();
    AppQuotas.Usage others = new AppQuotas.Usage(withIt.apps() - 1, withIt.gpus() - gpus);
    try {
      quotas.require(caller, recorded.ownerId(), AppQuotas.CARD_OWNER_HAS, others, 1, gpus);
    } catch (ProblemException e) {
      apps.delete(recorded.id(), recorded.version());
      throw e;
    }
  }

  /**
   * A failed deploy: remove what the backend may have created, then the record. Whatever the
   * failure: a timeout may hide a success, and a refusal by the cluster may come after some objects
   * were made (the Secret with the secret values before the workload), which the reconciler, that
   * lists workloads only, would never find. A delete of nothing does nothing. If it fails, the
   * reconciler deletes the workload once the grace period is over.
   */
  private void abandon(App app) {
    try {
      backends.backend(app.backendId()).delete(app.id());
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "Could not clean up the failed app " + app.id() + "; the reconciler will.",
          e);
    }
    apps.delete(app.id(), app.version());
  }

  // ---- read

  public Access find(Caller caller, String id) {
    App app = apps.findById(id).orElseThrow(() -> notFound(id));
    boolean manage = canManage(app, caller);
    if (!manage && !cardReadable(app, caller)) {
      throw notFound(id);
    }
    return new Access(app, manage);
  }

  /**
   * The app for someone using it through the proxy: anyone, signed in or not ({@code null}), if its
   * card is public; otherwise whoever may {@link #find} it. 404 to everyone else.
   */
  public App usable(Caller caller, String id) {
    App app = apps.findById(id).orElseThrow(() -> notFound(id));
    boolean allowed =
        caller == null
            ? app.cardId() != null
                && cards
                    .findById(app.cardId())
                    .filter(c -> c.content().visibility() == CardContent.Visibility.PUBLIC)
                    .isPresent()
            : canManage(app, caller) || cardReadable(app, caller);
    if (!allowed) {
      throw notFound(id);
    }
    return app;
  }

  /** The app, if the caller may change it: 404 if they may not see it, 403 if only see it. */
  public App manageable(Caller caller, String id) {
    Access access = find(caller, id);
    if (!access.manage()) {
      throw new ProblemException(403, "FORBIDDEN", "Only the app's owner or an admin may do this.");
    }
    return access.app();
  }

  /** The caller's apps; an admin's list holds everyone's unless {@code mine}. */
  public AppPage list(Caller caller, boolean mine, int page, int size) {
    String owner = CardAccess.isAdmin(caller) && !mine ? null : caller.userId();
    return new AppPage(apps.page(owner, page, size), apps.count(owner), page, size);
  }

  /** What the backend observes now; empty if the backend has none of the app's objects. */
  public Optional<AppStatus> status(App app) {
    try {
      return Optional.of(backends.backend(app.backendId()).status(app.id()));
    } catch (PlatformException e) {
      if (e.errorCode().equals(PlatformErrors.NOT_FOUND)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * {@link #status(App)} as the caller may see it. Its pods and Kubernetes events are operational
   * details for its owner and admins: a reader of its card sees the phase, readiness and message,
   * with no events and no pods.
   */
  public Optional<AppStatus> statusFor(Access access) {
    Optional<AppStatus> observed = status(access.app());
    return access.manage() ? observed : observed.map(AppService::withoutDetails);
  }

  private static AppStatus withoutDetails(AppStatus s) {
    return new AppStatus(
        s.appId(),
        s.name(),
        s.phase(),
        s.ready(),
        s.wantedReplicas(),
        s.readyReplicas(),
        s.message(),
        s.url(),
        List.of(),
        List.of());
  }

  // ---- change

  public App update(Caller caller, String id, AppInput input) {
    App current = manageable(caller, id);
    requireState(current, AppState.ACTIVE, "changed");
    Set<DeploymentCapability> capabilities = capabilities(current);
    List<Problem.FieldError> errors = new ArrayList<>();
    PlatformEnv.check(input.env(), "env", errors);
    PlatformEnv.check(input.secretEnv(), "secretEnv", errors);
    Map<String, String> secrets = new LinkedHashMap<>();
    if (input.secretEnv() == null) {
      current.secretEnvNames().forEach(name -> secrets.put(name, AppSpec.MASK));
    } else {
      input
          .secretEnv()
          .forEach(
              (name, value) -> {
                if (AppSpec.MASK.equals(value) && !current.secretEnvNames().contains(name)) {
                  errors.add(
                      new Problem.FieldError(
                          "/secretEnv/" + JsonPointer.escape(name),
                          "has no stored value to keep; give one"));
                }
                secrets.put(name, value);
              });
    }
    failIfAny(errors);
    AppResources r = current.resources();
    AppInput.ResourcesInput in = input.resources();
    String[] quantities =
        in == null
            ? new String[] {r.cpuRequest(), r.cpuLimit(), r.memoryRequest(), r.memoryLimit()}
            : new String[] {in.cpuRequest(), in.cpuLimit(), in.memoryRequest(), in.memoryLimit()};
    Integer gpus = in == null ? Integer.valueOf(r.gpus()) : in.gpus();
    int min = orDefault(input.minReplicas(), current.minReplicas());
    int max =
        orDefault(
            input.maxReplicas(),
            input.minReplicas() == null
                ? current.maxReplicas()
                : Math.max(min, current.maxReplicas()));
    App changed =
        new App(
            current.id(),
            current.name(),
            current.cardId(),
            current.ownerId(),
            current.backendId(),
            input.image() == null ? current.image() : input.image(),
            orDefault(input.port(), current.port()),
            input.env() == null ? current.env() : input.env(),
            List.copyOf(secrets.keySet()),
            null,
            min,
            max,
            input.scaleToZero() == null ? current.scaleToZero() : input.scaleToZero(),
            AppState.ACTIVE,
            current.url(),
            current.createdAt(),
            clock.instant(),
            current.version() + 1);
    AppSpec spec = spec(changed, quantities, gpus, secrets, capabilities);
    changed = withResources(changed, spec.resources());
    // Fewer or more replicas change the GPUs an app may hold as much as GPUs per instance do.
    int moreGpus = changed.gpusAtMost() - current.gpusAtMost();
    if (moreGpus > 0) {
      quotas.require(
          caller,
          current.ownerId(),
          AppQuotas.APP_OWNER_HAS,
          apps.usage(current.ownerId()),
          0,
          moreGpus);
    }
    // Record first: a concurrent change then fails here, before the backend is touched.
    casOrConflict(changed, current.version());
    if (moreGpus > 0) {
      requireGpuQuotaWithChange(caller, current, changed, moreGpus);
    }
    AppStatus status;
    try {
      status = backends.backend(current.backendId()).update(spec);
    } catch (RuntimeException e) {
      rollBack(current, changed);
      throw translate(e);
    }
    return storeUrl(changed, status);
  }

  /**
   * The GPU quota checked again with the raise written, as a create checks its record ({@link
   * #requireQuotaWithRecord}): of two raises (or a raise and a create) racing past the first check,
   * whichever counts after the other's write withdraws.
   */
  private void requireGpuQuotaWithChange(Caller caller, App current, App changed, int moreGpus) {
    AppQuotas.Usage withIt = apps.usage(current.ownerId());
    AppQuotas.Usage others = new AppQuotas.Usage(withIt.apps(), withIt.gpus() - moreGpus);
    try {
      quotas.require(caller, current.ownerId(), AppQuotas.APP_OWNER_HAS, others, 0, moreGpus);
    } catch (ProblemException e) {
      rollBack(current, changed);
      throw e;
    }
  }

  /**
   * Puts the record of an update that did not happen back as it was, at a version above the refused
   * change's: a concurrent update that read the refused change then fails its compare-and-set
   * instead of matching the rolled-back record and applying the change after all.
   */
  private void rollBack(App current, App changed) {
    App rolledBack = current.withVersion(changed.version() + 1);
    if (!apps.compareAndSet(rolledBack, changed.version())) {
      LOG.warning(
          () ->
              "Could not roll back the record of app " + current.id() + " after a failed update.");
    }
  }

  public AppStatus scale(Caller caller, String id, int replicas) {
    App app = manageable(caller, id);
    requireState(app, AppState.ACTIVE, "scaled");
    int most = Math.min(app.maxReplicas(), limits.maxReplicas());
    if (replicas < 0 || replicas > most) {
      throw ProblemException.field(422, "INVALID_APP", "/replicas", "must be from 0 to " + most);
    }
    // Counted like an update raising its replicas, should a scale ever go beyond the recorded most.
    int moreGpus = App.gpusAtMost(app.resources().gpus(), replicas) - app.gpusAtMost();
    if (moreGpus > 0) {
      quotas.require(
          caller, app.ownerId(), AppQuotas.APP_OWNER_HAS, apps.usage(app.ownerId()), 0, moreGpus);
    }
    // 0 stops the app on any backend; SCALE_TO_ZERO is about scaling down on its own when idle.
    try {
      return backends.backend(app.backendId()).scale(app.id(), replicas);
    } catch (RuntimeException e) {
      throw translate(e);
    }
  }

  /** Re-applies the app's objects, keeping the stored secret values and the current scale. */
  public App restore(Caller caller, String id) {
    App app = manageable(caller, id);
    if (app.state() != AppState.ACTIVE && app.state() != AppState.LOST) {
      throw conflict(app, "restored");
    }
    requireRestorableGpus(caller, app);
    Map<String, String> secrets = new LinkedHashMap<>();
    app.secretEnvNames().forEach(name -> secrets.put(name, AppSpec.MASK));
    AppSpec spec = specOf(app, secrets);
    AppStatus status;
    try {
      status = backends.backend(app.backendId()).restore(spec);
    } catch (RuntimeException e) {
      throw translate(e);
    }
    App restored = app.withState(AppState.ACTIVE, clock.instant());
    casOrConflict(restored, app.version());
    return storeUrl(restored, status);
  }

  /**
   * A restore brings back instances that may hold GPUs again: refused while the owner's apps, this
   * one counted once, would exceed the GPU quota (say, after an administrator lowered it).
   */
  private void requireRestorableGpus(Caller caller, App app) {
    int gpus = app.gpusAtMost();
    if (gpus > 0) {
      AppQuotas.Usage withIt = apps.usage(app.ownerId());
      AppQuotas.Usage others = new AppQuotas.Usage(withIt.apps(), withIt.gpus() - gpus);
      quotas.require(caller, app.ownerId(), AppQuotas.APP_OWNER_HAS, others, 0, gpus);
    }
  }

  /**
   * Deletes the backend's objects, then the record. The app is marked {@link AppState#DELETING}
   * first; if the backend fails, it stays so and a retry (or the reconciler) finishes the job.
   */
  public void delete(Caller caller, String id) {
    App app = manageable(caller, id);
    if (app.state() == AppState.CREATING) {
      throw conflict(app, "deleted");
    }
    deleteApp(app);
  }

  /**
   * Deletes the demo apps of a card that is gone, each as its owner's delete would: none of them
   * can be reached from a card any more, so they would otherwise run, and count against the quota,
   * for ever. An app still being created is left to its request, which deletes it once created (see
   * {@link #create}); one changed meanwhile is read again. A failure is logged and leaves the app
   * to its owner (a failed backend delete leaves it deleting, which the reconciler finishes).
   *
   * @return how many apps were deleted
   */
  public int deleteAppsOfDeletedCard(String cardId) {
    int deleted = 0;
    for (App found : apps.findByCard(cardId)) {
      try {
        deleted += deleteAppOfDeletedCard(found) ? 1 : 0;
      } catch (RuntimeException e) {
        LOG.log(
            Level.WARNING,
            "Could not delete app " + found.id() + " of the deleted card " + cardId + ".",
            e);
      }
    }
    return deleted;
  }

  private boolean deleteAppOfDeletedCard(App found) {
    App app = found;
    for (int attempt = 1; ; attempt++) {
      if (app.state() == AppState.CREATING) {
        LOG.warning(
            () ->
                "App "
                    + found.id()
                    + " of the deleted card "
                    + found.cardId()
                    + " is still being created; delete it once it is.");
        return false;
      }
      try {
        deleteApp(app);
        return true;
      } catch (ProblemException e) {
        Optional<App> again = apps.findById(found.id());
        if (e.status() != 409 || attempt == 3 || again.isEmpty()) {
          throw e;
        }
        app = again.get();
      }
    }
  }

  private void deleteApp(App app) {
    App deleting = app;
    if (app.state() != AppState.DELETING) {
      deleting = app.withState(AppState.DELETING, clock.instant());
      casOrConflict(deleting, app.version());
    }
    try {
      backends.backend(app.backendId()).delete(app.id());
    } catch (RuntimeException e) {
      throw translate(e);
    }
    apps.delete(app.id(), deleting.version());
  }

  /** Opens a log subscription; lines reach the listener on a backend thread. */
  public LogSubscription logs(Caller caller, String id, LogRequest request, LogListener listener) {
    App app = manageable(caller, id);
    if (app.state() == AppState.DELETING) {
      throw conflict(app, "read");
    }
    try {
      return backends.backend(app.backendId()).logs(app.id(), request, listener);
    } catch (RuntimeException e) {
      throw translate(e);
    }
  }

  // ---- rules

  boolean canManage(App app, Caller caller) {
    return CardAccess.isAdmin(caller) || app.ownerId().equals(caller.userId());
  }

  private boolean cardReadable(App app, Caller caller) {
    return app.cardId() != null
        && cards.findById(app.cardId()).filter(c -> CardAccess.canRead(c, caller)).isPresent();
  }

  private Set<DeploymentCapability> capabilities(App app) {
    return backends.capabilities(app.backendId()).orElse(Set.of());
  }

  /** The spec to re-apply a stored app, with the given secret values (usually masks). */
  AppSpec specOf(App app, Map<String, String> secrets) {
    return builder(app, secrets).resources(app.resources()).build();
  }

  private AppSpec.Builder builder(App app, Map<String, String> secrets) {
    // The platform's variables first; a stored app from before they were reserved keeps its own
    // value out, so that every backend sees one value per name.
    Map<String, String> env = PlatformEnv.of(app);
    app.env().forEach(env::putIfAbsent);
    AppSpec.Builder builder =
        AppSpec.builder(app.id(), app.name(), app.image(), app.port())
            .env(env)
            .secretEnv(secrets)
            .replicas(app.minReplicas(), app.maxReplicas())
            .scaleToZero(app.scaleToZero());
    label(builder, OWNER_LABEL, app.ownerId());
    label(builder, CARD_LABEL, app.cardId());
    return builder;
  }

  private static void label(AppSpec.Builder builder, String key, String value) {
    // Ids that are not valid label values (e.g. too long) are simply not labelled.
    if (value != null && KubernetesNames.labelValueProblem(value).isEmpty()) {
      builder.label(key, value);
    }
  }

  /**
   * Builds and checks a spec: the SPI's own validation, then the administrator's maxima and the
   * backend's capabilities. Every problem becomes a field error with a JSON pointer.
   */
  AppSpec spec(
      App app,
      String[] quantities,
      Integer gpus,
      Map<String, String> secrets,
      Set<DeploymentCapability> capabilities) {
    List<Problem.FieldError> errors = new ArrayList<>();
    AppResources resources = AppResources.none();
    try {
      resources =
          quantities == null && gpus == null
              ? AppResources.none()
              : new AppResources(
                  quantities == null ? null : quantities[0],
                  quantities == null ? null : quantities[1],
                  quantities == null ? null : quantities[2],
                  quantities == null ? null : quantities[3],
                  gpus == null ? 0 : gpus);
    } catch (InvalidAppSpecException e) {
      e.violations().forEach(v -> errors.add(fieldError(v)));
    }
    AppSpec spec = null;
    try {
      spec = builder(app, secrets).resources(resources).build();
    } catch (InvalidAppSpecException e) {
      e.violations().forEach(v -> errors.add(fieldError(v)));
    }
    checkLimits(app, resources, capabilities, errors);
    failIfAny(errors);
    return spec;
  }

  private void checkLimits(
      App app,
      AppResources resources,
      Set<DeploymentCapability> capabilities,
      List<Problem.FieldError> errors) {
    atMost(resources.cpuRequest(), limits.maxCpu(), "/resources/cpuRequest", errors);
    atMost(resources.cpuLimit(), limits.maxCpu(), "/resources/cpuLimit", errors);
    atMost(resources.memoryRequest(), limits.maxMemory(), "/resources/memoryRequest", errors);
    atMost(resources.memoryLimit(), limits.maxMemory(), "/resources/memoryLimit", errors);
    if (resources.gpus() > limits.maxGpus()) {
      errors.add(new Problem.FieldError("/resources/gpus", "must be at most " + limits.maxGpus()));
    } else if (resources.gpus() > 0 && !capabilities.contains(DeploymentCapability.GPU)) {
      errors.add(new Problem.FieldError("/resources/gpus", "this backend offers no GPUs"));
    }
    if (app.maxReplicas() > limits.maxReplicas()) {
      errors.add(new Problem.FieldError("/maxReplicas", "must be at most " + limits.maxReplicas()));
    }
    if (app.scaleToZero() && !capabilities.contains(DeploymentCapability.SCALE_TO_ZERO)) {
      errors.add(new Problem.FieldError("/scaleToZero", "this backend cannot scale to zero"));
    }
  }

  private static void atMost(
      String value, String maximum, String pointer, List<Problem.FieldError> errors) {
    if (value != null
        && Quantities.problem(value).isEmpty()
        && Quantities.compare(value, maximum) > 0) {
      errors.add(new Problem.FieldError(pointer, "must be at most " + maximum));
    }
  }

  /**
   * {@code env.API_URL} becomes {@code /env/API_URL}; {@code resources.gpus} {@code
   * /resources/gpus}.
   */
  static Problem.FieldError fieldError(SpecViolation violation) {
    String field = violation.field();
    int dot = field.indexOf('.');
    String pointer =
        dot < 0
            ? "/" + JsonPointer.escape(field)
            : "/"
                + JsonPointer.escape(field.substring(0, dot))
                + "/"
                + JsonPointer.escape(field.substring(dot + 1));
    return new Problem.FieldError(pointer, violation.message());
  }

  private static void failIfAny(List<Problem.FieldError> errors) {
    if (!errors.isEmpty()) {
      throw new ProblemException(
          422, "INVALID_APP", "The app has invalid fields.", errors, Map.of());
    }
  }

  /** A backend's own spec rejection (its maxima) keeps its field pointers. */
  private static RuntimeException translate(RuntimeException e) {
    if (e instanceof InvalidAppSpecException invalid) {
      return new ProblemException(
          422,
          "INVALID_APP",
          "The deployment backend does not allow this app.",
          invalid.violations().stream().map(AppService::fieldError).toList(),
          Map.of());
    }
    return e;
  }

  private void casOrConflict(App next, long expected) {
    if (!apps.compareAndSet(next, expected)) {
      throw new ProblemException(
          409, "CONFLICT", "The app was changed at the same time; reload it and try again.");
    }
  }

  private App storeUrl(App app, AppStatus status) {
    String url = status.url() == null ? null : status.url().toString();
    if (url == null || url.equals(app.url())) {
      return app;
    }
    App withUrl = app.withUrl(url).withState(app.state(), app.updatedAt());
    return apps.compareAndSet(withUrl, app.version()) ? withUrl : app;
  }

  private static void requireState(App app, AppState state, String action) {
    if (app.state() != state) {
      throw conflict(app, action);
    }
  }

  private static ProblemException conflict(App app, String action) {
    String hint = app.state() == AppState.LOST ? " Restore it first." : "";
    return new ProblemException(
        409,
        "APP_STATE",
        "The app is "
            + app.state().name().toLowerCase(java.util.Locale.ROOT)
            + " and cannot be "
            + action
            + " now."
            + hint);
  }

  private static ProblemException notFound(String id) {
    return new ProblemException(404, "APP_NOT_FOUND", "No app '" + id + "'.");
  }

  private static App withResources(App app, AppResources resources) {
    return new App(
        app.id(),
        app.name(),
        app.cardId(),
        app.ownerId(),
        app.backendId(),
        app.image(),
        app.port(),
        app.env(),
        app.secretEnvNames(),
        resources,
        app.minReplicas(),
        app.maxReplicas(),
        app.scaleToZero(),
        app.state(),
        app.url(),
        app.createdAt(),
        app.updatedAt(),
        app.version());
  }

  private static int orDefault(Integer value, int fallback) {
    return value == null ? fallback : value;
  }

  private String newId() {
    StringBuilder id = new StringBuilder(ID_LENGTH);
    for (int i = 0; i < ID_LENGTH; i++) {
      id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
    }
    return id.toString();
  }
}
