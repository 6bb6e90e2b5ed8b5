package org.aiappstore.app.apps;

import org.aiappstore.app.config.AppSettings;
import org.aiappstore.app.config.ConfigKey;
import org.aiappstore.app.identity.security.Caller;
import org.aiappstore.app.problem.ProblemException;

/**
 * What one user's apps may use together, previews included: the per-app maxima ({@link AppLimits})
 * bound one app, these bound how many a user keeps running, so that previews cannot pile up.
 *
 * @param maxApps most apps per owner
 * @param maxGpus most GPUs over all of an owner's apps, each app counting its GPUs per instance
 *     times its most instances
 */
public record AppQuotas(int maxApps, int maxGpus) {

  static final String CARD_OWNER_HAS = "The card's owner has ";
  static final String APP_OWNER_HAS = "The app's owner has ";

  public AppQuotas {
    if (maxApps < 1 || maxGpus < 0) {
      throw new IllegalStateException("The app quotas must be >= 1 app and >= 0 GPUs per user");
    }
  }

  static AppQuotas from(AppSettings settings) {
    return new AppQuotas(
        settings.integer(ConfigKey.APPS_MAX_APPS_PER_USER),
        settings.integer(ConfigKey.APPS_MAX_GPUS_PER_USER));
  }

  /**
   * 409 {@code APP_QUOTA_EXCEEDED} if the owner's apps, {@code used} and the {@code moreApps} and
   * {@code moreGpus} asked for, would be more, or use more GPUs, than the quotas allow.
   *
   * @param someoneElse how the message names an owner who is not the caller, e.g. "The card's owner
   *     has "; the caller is "You have "
   */
  void require(
      Caller caller, String ownerId, String someoneElse, Usage used, int moreApps, int moreGpus) {
    String who = ownerId.equals(caller.userId()) ? "You have " : someoneElse;
    if (moreApps > 0 && used.apps() + moreApps > maxApps) {
      throw new ProblemException(
          409,
          "APP_QUOTA_EXCEEDED",
          who
              + used.apps()
              + " of "
              + maxApps
              + " apps (previews count too): delete one before adding another.");
    }
    if (moreGpus > 0 && used.gpus() + moreGpus > maxGpus) {
      throw ProblemException.field(
          409,
          "APP_QUOTA_EXCEEDED",
          "/resources/gpus",
          who
              + "apps using "
              + used.gpus()
              + " of "
              + maxGpus
              + " GPUs; "
              + moreGpus
              + " more would exceed the quota.");
    }
  }

  /**
   * What an owner's apps use now: those not being deleted.
   *
   * @param apps how many
   * @param gpus the most GPUs they may hold together: per app, GPUs per instance times most
   *     instances
   */
  public record Usage(int apps, int gpus) {}
}
