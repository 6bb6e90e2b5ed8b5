package org.aiappstore.app.apps;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.aiappstore.app.config.AppSettings;
import org.aiappstore.app.model.DemoAppOwners;
import org.aiappstore.app.problem.ProblemException;

/**
 * A card's apps change owner with the card: the card's owner manages its demo (as when an app
 * becomes a card's demo), and a user who owns apps cannot be deleted. The apps count against the
 * new owner's quotas from then on, so a hand-over that would take the new owner over them is
 * refused, as a create for them would be. What runs is not touched: the Kubernetes labels keep the
 * owner of the app's creation, as they do when a preview becomes a demo.
 */
@ApplicationScoped
public class CardAppHandover implements DemoAppOwners {

  private static final Logger LOG = Logger.getLogger(CardAppHandover.class.getName());
  private static final int ATTEMPTS = 10;

  @Inject AppRepository apps;
  @Inject AppSettings settings;

  private AppQuotas quotas;
  private Clock clock = Clock.systemUTC();

  public CardAppHandover() {}

  CardAppHandover(AppRepository apps, AppQuotas quotas, Clock clock) {
    this.apps = apps;
    this.quotas = quotas;
    this.clock = clock;
  }

  @PostConstruct
  void readQuotas() {
    quotas = AppQuotas.from(settings);
  }

  @Override
  public void checkHandOver(String cardId, String newOwnerId, String newOwnerName) {
    int moreApps = 0;
    int moreGpus = 0;
    for (App app : apps.findByCard(cardId)) {
      if (app.state() == AppState.CREATING) {
        throw new ProblemException(
            409,
            "APP_BUSY",
            "The card's demo app is still being deployed; hand the card over once it is.");
      }
      if (app.state() != AppState.DELETING && !app.ownerId().equals(newOwnerId)) {
        moreApps++;
        moreGpus += app.gpusAtMost();
      }
    }
    if (moreApps == 0) {
      return;
    }
    AppQuotas.Usage used = apps.usage(newOwnerId);
    if (used.apps() + moreApps > quotas.maxApps()) {
      throw quotaExceeded(
          newOwnerName + " has " + used.apps() + " of " + quotas.maxApps() + " apps");
    }
    if (moreGpus > 0 && used.gpus() + moreGpus > quotas.maxGpus()) {
      throw quotaExceeded(
          newOwnerName
              + "'s apps use "
              + used.gpus()
              + " of "
              + quotas.maxGpus()
              + " GPUs and the card's demo needs "
              + moreGpus);
    }
  }

  private static ProblemException quotaExceeded(String usage) {
    return new ProblemException(
        409,
        "APP_QUOTA_EXCEEDED",
        usage
            + ": the card's demo app would go with it and exceed the app quota. Free some room"
            + " first, or delete the demo app.");
  }

  /**
   * A compare-and-set per app, retried while others change its record (a status or URL update). An
   * app deleted meanwhile is skipped.
   */
  @Override
  public List<String> handOver(String cardId, String newOwnerId) {
    List<String> moved = new ArrayList<>();
    for (App found : apps.findByCard(cardId)) {
      if (!found.ownerId().equals(newOwnerId) && moveApp(found.id(), cardId, newOwnerId)) {
        moved.add(found.id());
      }
    }
    return moved;
  }

  private boolean moveApp(String appId, String cardId, String newOwnerId) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      App app = apps.findById(appId).orElse(null);
      if (app == null || !cardId.equals(app.cardId())) {
        return false;
      }
      if (app.ownerId().equals(newOwnerId)) {
        return false;
      }
      if (apps.compareAndSet(app.ownedBy(newOwnerId, clock.instant()), app.version())) {
        return true;
      }
    }
    LOG.warning(
        () ->
            "App "
                + appId
                + " kept changing; it stays with its owner although card "
                + cardId
                + " was handed over.");
    return false;
  }
}
