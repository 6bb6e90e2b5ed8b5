package org.aiappstore.app.identity.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Opaque tokens (refresh tokens, personal API tokens) are stored only as their SHA-256: a leaked
 * database does not leak usable credentials. They carry 256 random bits, so a fast unsalted hash is
 * enough (no dictionary to attack).
 */
public final class TokenHashing {

  private TokenHashing() {}

  public static String sha256(String token) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return Base64Url.encode(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** Constant-time comparison, so response timing does not reveal how much of a secret matched. */
  public static boolean sameSecret(String a, String b) {
    if (a == null || b == null) {
      return false;
    }
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
