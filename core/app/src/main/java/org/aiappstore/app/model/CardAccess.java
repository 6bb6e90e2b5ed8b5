package org.aiappstore.app.model;

import com.mongodb.client.model.Filters;
import org.aiappstore.app.identity.security.Caller;
import org.aiappstore.app.identity.user.Role;
import org.aiappstore.app.model.CardContent.Visibility;
import org.bson.conversions.Bson;

/**
 * Who may see and change a card. A private card is visible to its owner, the users it is shared
 * with and admins; to anyone else it does not exist. Only the owner and admins may change it.
 */
public final class CardAccess {

  private CardAccess() {}

  public static boolean canRead(ModelCard card, Caller caller) {
    return card.content().visibility() == Visibility.PUBLIC
        || canWrite(card, caller)
        || card.content().sharedWith().contains(caller.userId());
  }

  public static boolean canWrite(ModelCard card, Caller caller) {
    return isAdmin(caller) || card.ownerId().equals(caller.userId());
  }

  public static boolean isAdmin(Caller caller) {
    return caller.roles().contains(Role.ADMIN);
  }

  /** The same rule as {@link #canRead} as a database filter; null means every card. */
  public static Bson visibleTo(Caller caller) {
    if (isAdmin(caller)) {
      return null;
    }
    return Filters.or(
        Filters.eq("content.visibility", "public"),
        Filters.eq("ownerId", caller.userId()),
        Filters.eq("content.sharedWith", caller.userId()));
  }
}
