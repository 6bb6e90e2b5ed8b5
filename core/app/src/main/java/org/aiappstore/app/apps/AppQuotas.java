package org.aiappstore.app.apps;

import org.aiappstore.app.config.AppSettings;
import org.aiappstore.app.config.ConfigKey;

/**
 * What one user's apps may use together, previews included: the per-app maxima ({@link AppLimits})
 * bound one app, these bound how many a user keeps running, so that previews cannot pile up.
 *
 * @param maxApps most apps per owner
 * @param maxGpus most GPUs over all of an owner's apps, each app counting its GPUs per instance
 *     times its most instances
 */
public record AppQuotas(int maxApps, int maxGpus) {

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
   * What an owner's apps use now: those not being deleted.
   *
   * @param apps how many
   * @param gpus the most GPUs they may hold together: per app, GPUs per instance times most
   *     instances
   */
  public record Usage(int apps, int gpus) {}
}
