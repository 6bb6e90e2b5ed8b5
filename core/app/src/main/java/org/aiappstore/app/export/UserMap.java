package org.aiappstore.app.export;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.aiappstore.app.identity.user.User;
import org.aiappstore.app.identity.user.UserRepository;
import org.aiappstore.app.model.CardContent;
import org.bson.Document;

/**
 * User ids of the exporting installation → user ids here, through usernames. Each user is looked up
 * once: a card's history is read twice (checked, then written) and must map the same both times.
 */
final class UserMap {
  private final UserRepository users;
  private final Document usernames;
  private final String fallback;
  private final Map<String, Optional<String>> found = new HashMap<>();

  UserMap(UserRepository users, Document usernames, String fallback) {
    this.users = users;
    this.usernames = usernames;
    this.fallback = fallback;
  }

  Optional<String> known(String exportedId) {
    if (exportedId == null) {
      return Optional.empty();
    }
    return found.computeIfAbsent(
        exportedId,
        id ->
            Optional.ofNullable(usernames.getString(id))
                .flatMap(users::findByUsername)
                .map(User::id));
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
