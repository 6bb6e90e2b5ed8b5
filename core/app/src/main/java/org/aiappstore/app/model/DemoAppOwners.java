package org.aiappstore.app.model;

import java.util.List;

/**
 * The owners of cards' demo apps, as a hand-over of cards sees them: a card's demo apps belong to
 * the card's owner, so they change owner with the card. Implemented by the apps package (which
 * depends on cards, not the other way round).
 */
public interface DemoAppOwners {

  /**
   * Refuses (throws a {@code ProblemException}) when the card's apps cannot pass to the new owner
   * now: they would take the new owner over the app quotas, or one is still being created.
   *
   * @param cardId the card
   * @param newOwnerId who is to own the card
   * @param newOwnerName their username, for the message
   */
  void checkHandOver(String cardId, String newOwnerId, String newOwnerName);

  /**
   * Gives every app of the card to the new owner; called once the card itself was handed over.
   *
   * @return the ids of the apps that changed owner
   */
  List<String> handOver(String cardId, String newOwnerId);
}
