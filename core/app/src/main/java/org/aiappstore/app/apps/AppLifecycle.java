package org.aiappstore.app.apps;

/**
 * A demo app reached a point others may want to hear of (webhooks): deployed and ready to serve, or
 * its deployment failed. Fired once per create, after the outcome is recorded.
 *
 * @param reason why it failed, null when ready
 */
public record AppLifecycle(String cardId, String appId, boolean ready, String reason) {

  static AppLifecycle ready(App app) {
    return new AppLifecycle(app.cardId(), app.id(), true, null);
  }

  static AppLifecycle failed(App app, String reason) {
    return new AppLifecycle(app.cardId(), app.id(), false, reason);
  }
}
