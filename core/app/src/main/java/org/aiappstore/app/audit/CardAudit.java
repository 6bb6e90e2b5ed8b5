package org.aiappstore.app.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.aiappstore.app.model.CardChanged;
import org.aiappstore.app.model.CardOwnerChanged;
import org.aiappstore.app.model.CardRepository;
import org.aiappstore.app.model.RevisionRepository;

/**
 * Audits card changes from the {@link CardChanged} events. An update whose revision changed the
 * visibility is recorded as {@code card.visibility_changed}, so that making a card public or
 * private can be found on its own. A hand-over to another owner is recorded from its {@link
 * CardOwnerChanged} as {@code card.owner_changed} (target {@code card=<id>,from=<user>,to=<user>}),
 * with an {@code app.owner_changed} for each demo app that went with the card; its update is not
 * recorded twice.
 */
@ApplicationScoped
public class CardAudit {

  @Inject Auditor auditor;
  @Inject CardRepository cards;
  @Inject RevisionRepository revisions;

  void onChange(@Observes CardChanged change) {
    String action = "card." + change.kind().name().toLowerCase(Locale.ROOT);
    if (change.kind() == CardChanged.Kind.UPDATED) {
      List<String> fields = revisionFields(change);
      if (fields.contains("owner")) {
        return; // recorded as card.owner_changed
      }
      if (fields.contains("visibility")) {
        action = "card.visibility_changed";
      }
    }
    auditor.record(action, "card=" + change.cardId(), Auditor.SUCCESS, null);
  }

  void onOwnerChange(@Observes CardOwnerChanged change) {
    String owners = ",from=" + change.from() + ",to=" + change.to();
    auditor.record("card.owner_changed", "card=" + change.cardId() + owners, Auditor.SUCCESS, null);
    for (String appId : change.appIds()) {
      auditor.record(
          "app.owner_changed",
          "app=" + appId + ",card=" + change.cardId() + owners,
          Auditor.SUCCESS,
          null);
    }
  }

  /**
   * The fields the revision this change wrote changed. Without a version in the event (an import),
   * the card's current version stands in for it.
   */
  private List<String> revisionFields(CardChanged change) {
    String cardId = change.cardId();
    Optional<Long> version =
        change.version() != null
            ? Optional.of(change.version())
            : cards.findById(cardId).map(card -> card.version());
    return version
        .flatMap(v -> revisions.find(cardId, v))
        .map(revision -> revision.fields())
        .orElse(List.of());
  }
}
