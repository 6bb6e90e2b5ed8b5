package org.aiappstore.app.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.aiappstore.app.identity.user.User;
import org.aiappstore.app.identity.user.UserRepository;
import org.aiappstore.app.model.CardContent;
import org.bson.Document;

/** User ids of the exporting installation → user ids here, through usernames. */
final class UserMap {
  private final UserRepository users;
  private final Document usernames;
  private final String fallback;

  UserMap(UserRepository users, Document usernames, String fallback) {
    this.users = users;
    this.usernames = usernames;
    this.fallback = fallback;
  }

  Optional<String> known(String exportedId) {
    return Optional.ofNullable(exportedId)
        .map(usernames::getString)
        .flatMap(users::findByUsername)
        .map(User::id);
  }

  String orFallback(String exportedId) {
    return known(exportedId).orElse(fallback);
  }

  /** The content's share list here: users unknown here drop out. */
  List<String> known(CardContent content) {
    List<String> mapped = new ArrayList<>();
    for (String userId : content.sharedWith()) {
      known(userId).ifPresent(mapped::add);
    }
    return mapped;
  }
}
