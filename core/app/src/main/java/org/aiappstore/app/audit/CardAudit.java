package org.aiappstore.app.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Optional;
import org.aiappstore.app.model.CardChanged;
import org.aiappstore.app.model.CardRepository;
import org.aiappstore.app.model.RevisionRepository;

/**
 * Audits card changes from the {@link CardChanged} events. An update whose revision changed the
 * visibility is recorded as {@code card.visibility_changed}, so that making a card public or
 * private can be found on its own.
 */
@ApplicationScoped
public class CardAudit {

  @Inject Auditor auditor;
  @Inject CardRepository cards;
  @Inject RevisionRepository revisions;

  void onChange(@Observes CardChanged change) {
    String action = "card." + change.kind().name().toLowerCase(Locale.ROOT);
    if (change.kind() == CardChanged.Kind.UPDATED && visibilityChanged(change)) {
      action = "card.visibility_changed";
    }
    auditor.record(action, "card=" + change.cardId(), Auditor.SUCCESS, null);
  }

  /**
   * Whether the revision this change wrote changed the visibility. Without a version in the event
   * (an import), the card's current version stands in for it.
   */
  private boolean visibilityChanged(CardChanged change) {
    String cardId = change.cardId();
    Optional<Long> version =
        change.version() != null
            ? Optional.of(change.version())
            : cards.findById(cardId).map(card -> card.version());
    return version
        .flatMap(v -> revisions.find(cardId, v))
        .map(revision -> revision.fields().contains("visibility"))
        .orElse(false);
  }
}
