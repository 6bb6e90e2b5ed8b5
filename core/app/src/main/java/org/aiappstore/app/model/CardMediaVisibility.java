package org.aiappstore.app.model;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import org.aiappstore.app.identity.security.Caller;
import org.aiappstore.app.media.MediaVisibility;

/** Media follow the cards that show them: visible if one of those cards is. */
@ApplicationScoped
public class CardMediaVisibility implements MediaVisibility {

  @Inject CardRepository cards;

  @Override
  public boolean anyVisible(Set<String> cardIds, Caller caller) {
    return cardIds.stream()
        .map(cards::findById)
        .flatMap(java.util.Optional::stream)
        .anyMatch(card -> CardAccess.canRead(card, caller));
  }
}
