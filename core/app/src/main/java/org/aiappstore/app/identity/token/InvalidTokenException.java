package org.aiappstore.app.identity.token;

/**
 * A bearer credential that must not be accepted. The message is safe to show to the caller: it says
 * what is wrong without revealing key material. The code is the problem's {@code code}: {@link
 * #INVALID_TOKEN} unless a more telling one helps the caller act.
 */
public class InvalidTokenException extends Exception {

  public static final String INVALID_TOKEN = "INVALID_TOKEN";

  private final String code;

  public InvalidTokenException(String message) {
    this(INVALID_TOKEN, message);
  }

  public InvalidTokenException(String code, String message) {
    super(message);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
