package org.aiappstore.app.identity.token;

/**
 * A bearer credential that must not be accepted. The message is safe to show to the caller: it says
 * what is wrong without revealing key material.
 */
public class InvalidTokenException extends Exception {

  public InvalidTokenException(String message) {
    super(message);
  }
}
