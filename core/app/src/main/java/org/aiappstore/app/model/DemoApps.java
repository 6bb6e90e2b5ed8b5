package org.aiappstore.app.model;

import java.util.Optional;
import org.aiappstore.app.identity.security.Caller;

/**
 * Demo apps as cards see them. The apps package depends on cards (an app's readers are its card's
 * readers), so cards reach apps only through this interface, which the apps package implements.
 */
public interface DemoApps {

  /**
   * Why the caller may not make an app the demo of a card, for the {@code /demo/appId} field.
   *
   * @param caller who writes the card
   * @param cardId the card, which may not be stored yet
   * @param cardOwnerId the card's owner, who will own the app
   * @param appId the app
   * @return the problem, empty if the app may be the card's demo
   * @throws org.aiappstore.app.problem.ProblemException 409 {@code APP_QUOTA_EXCEEDED} if the app
   *     would take the card's owner over their app quotas, as a create for them would
   */
  Optional<String> problem(Caller caller, String cardId, String cardOwnerId, String appId);

  /**
   * Attaches the app to the stored card: a preview app becomes the card's demo and no longer
   * expires. Does nothing if it already is the card's demo.
   *
   * @param cardId the card
   * @param cardOwnerId the card's owner, who manages its demo from now on
   * @param appId the app, checked with {@link #problem} before the card was written
   */
  void attach(String cardId, String cardOwnerId, String appId);
}
