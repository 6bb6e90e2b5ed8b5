package org.aiappstore.app.apps;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;
import org.aiappstore.app.config.AppSettings;
import org.aiappstore.app.identity.security.Caller;
import org.aiappstore.app.model.CardAccess;
import org.aiappstore.app.model.DemoApps;

/**
 * Publishing a preview app as a card's demo: the running app is kept (no second deployment), only
 * its record changes. Its Kubernetes labels keep the values of its creation (no card id, the first
 * owner): relabelling would mean a rolling update of a running demo for labels nobody selects on.
 * The app counts against the card owner's quotas from then on, so it is refused when it would take
 * them over, as a create for them would be.
 */
@ApplicationScoped
public class CardDemoApps implements DemoApps {

  private static final Logger LOG = Logger.getLogger(CardDemoApps.class.getName());
  private static final int ATTEMPTS = 5;

  @Inject AppRepository apps;
  @Inject AppSettings settings;

  private AppQuotas quotas;

  public CardDemoApps() {}

  CardDemoApps(AppRepository apps, AppQuotas quotas) {
    this.apps = apps;
    this.quotas = quotas;
  }

  @PostConstruct
  void readQuotas() {
    quotas = AppQuotas.from(settings);
  }

  /**
   * An app still being created is refused: the attach would change its record under its create,
   * which would then leave it creating (not deletable, never announced ready) until the
   * reconciler's grace period is over.
   */
  @Override
  public Optional<String> problem(Caller caller, String cardId, String cardOwnerId, String appId) {
    Optional<App> found = apps.findById(appId);
    if (found.isEmpty()
        || !(CardAccess.isAdmin(caller) || found.get().ownerId().equals(caller.userId()))) {
      return Optional.of("is not an app you manage");
    }
    App app = found.get();
    if (app.cardId() != null && !app.cardId().equals(cardId)) {
      return Optional.of("is already the demo of another card");
    }
    if (app.state() == AppState.CREATING) {
      return Optional.of("is still being created; publish it once it is running");
    }
    if (app.state() == AppState.DELETING) {
      return Optional.of("is being deleted");
    }
    if (!app.ownerId().equals(cardOwnerId)) {
      quotas.require(
          caller,
          cardOwnerId,
          AppQuotas.CARD_OWNER_HAS,
          apps.usage(cardOwnerId),
          1,
          app.gpusAtMost());
    }
    return Optional.empty();
  }

  /**
   * A compare-and-set on the app's record, retried while others change it (a status or URL update).
   * If the app was deleted or attached elsewhere meanwhile, the card keeps its reference, as it
   * does when a demo app is deleted later.
   */
  @Override
  public void attach(String cardId, String cardOwnerId, String appId) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      App app = apps.findById(appId).orElse(null);
      if (app != null && cardId.equals(app.cardId())) {
        return;
      }
      if (app == null
          || app.cardId() != null
          || app.state() == AppState.CREATING
          || app.state() == AppState.DELETING) {
        LOG.warning(
            () -> "App " + appId + " changed while card " + cardId + " was saved; not attached.");
        return;
      }
      if (apps.compareAndSet(app.attachedTo(cardId, cardOwnerId), app.version())) {
        return;
      }
    }
    LOG.warning(() -> "App " + appId + " kept changing; card " + cardId + " is not attached.");
  }
}
