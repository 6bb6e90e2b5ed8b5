package org.aiappstore.app.identity.user;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/** The roles of the platform; an admin is always a user too. */
public final class Role {

  public static final String USER = "user";
  public static final String ADMIN = "admin";
  public static final Set<String> ALL = Set.of(USER, ADMIN);

  private Role() {}

  /** Adds {@code user} to any role set, so an admin's token carries both groups. */
  public static Set<String> normalize(Collection<String> roles) {
    Set<String> normalized = new TreeSet<>(roles);
    normalized.add(USER);
    return Set.copyOf(normalized);
  }
}
