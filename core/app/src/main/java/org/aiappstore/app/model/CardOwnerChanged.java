package org.aiappstore.app.model;

import java.util.List;

/**
 * Fired after an admin handed a card over to another user (and after the {@link CardChanged} of
 * that write), for the audit log. Owners are named by username: it stays readable in the log after
 * the former owner's account is deleted, where an id would no longer say who it was.
 *
 * @param cardId the card
 * @param version the version the hand-over wrote
 * @param from the former owner's username (their id if the account is gone)
 * @param to the new owner's username
 * @param appIds the card's demo apps that were handed over with it
 */
public record CardOwnerChanged(
    String cardId, long version, String from, String to, List<String> appIds) {

  public CardOwnerChanged {
    appIds = List.copyOf(appIds);
  }
}
