package org.aiappstore.app.identity.user;

/** The username (or the external identity) already belongs to another user. */
public class DuplicateUserException extends RuntimeException {

  public DuplicateUserException(String message) {
    super(message);
  }
}
