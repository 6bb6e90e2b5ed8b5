package org.aiappstore.app.apps;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.aiappstore.app.model.CardChanged;
import org.aiappstore.app.model.CardRepository;

/**
 * Deletes the demo apps of a deleted card ({@link AppService#deleteAppsOfDeletedCard}). An import
 * that overwrites a card announces the old one as deleted although a card of that id is stored
 * again; its apps stay, since the card is still there.
 */
@ApplicationScoped
public class DeletedCardApps {

  private static final Logger LOG = Logger.getLogger(DeletedCardApps.class.getName());

  @Inject AppService service;
  @Inject CardRepository cards;

  public DeletedCardApps() {}

  DeletedCardApps(AppService service, CardRepository cards) {
    this.service = service;
    this.cards = cards;
  }

  void onCardChanged(@Observes CardChanged change) {
    if (change.kind() != CardChanged.Kind.DELETED) {
      return;
    }
    // The card's deletion is done; a failure here must not make it look as if it had failed.
    try {
      if (cards.findById(change.cardId()).isEmpty()) {
        service.deleteAppsOfDeletedCard(change.cardId());
      }
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "Could not delete the demo apps of the deleted card " + change.cardId(),
          e);
    }
  }
}
