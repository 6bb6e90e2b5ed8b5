package org.aiappstore.app.identity.password;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA512 password hashes (OWASP 2023: at least 210 000 iterations), 32-byte salt,
 * 64-byte key, stored in the same {@code algorithm:iterations:salt:hash} format as Jakarta
 * Security's {@code Pbkdf2PasswordHash}. Implemented on {@code javax.crypto} rather than injecting
 * {@code Pbkdf2PasswordHash} so that it runs, and is tested, outside the container too; the
 * algorithm and parameters are the same.
 */
@ApplicationScoped
public class PasswordHasher {

  static final String ALGORITHM = "PBKDF2WithHmacSHA512";
  static final int ITERATIONS = 210_000;
  static final int SALT_BYTES = 32;
  static final int KEY_BYTES = 64;

  private final SecureRandom random = new SecureRandom();
  private volatile String dummyHash;

  public String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] key = derive(password, salt, ITERATIONS, KEY_BYTES);
    Base64.Encoder base64 = Base64.getEncoder();
    return ALGORITHM
        + ":"
        + ITERATIONS
        + ":"
        + base64.encodeToString(salt)
        + ":"
        + base64.encodeToString(key);
  }

  /** Constant-time check of a password against a stored hash; false for a malformed hash. */
  public boolean verify(String password, String stored) {
    if (password == null || stored == null) {
      return false;
    }
    String[] parts = stored.split(":");
    if (parts.length != 4 || !ALGORITHM.equals(parts[0])) {
      return false;
    }
    try {
      int iterations = Integer.parseInt(parts[1]);
      byte[] salt = Base64.getDecoder().decode(parts[2]);
      byte[] expected = Base64.getDecoder().decode(parts[3]);
      return MessageDigest.isEqual(expected, derive(password, salt, iterations, expected.length));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Spends the same time as a real check when there is no user to check against, so that response
   * time does not tell unknown usernames from wrong passwords.
   */
  public void verifyAgainstDummy(String password) {
    String dummy = dummyHash;
    if (dummy == null) {
      dummy = hash("dummy password that never matches");
      dummyHash = dummy;
    }
    verify(password == null ? "" : password, dummy);
  }

  private static byte[] derive(String password, byte[] salt, int iterations, int keyBytes) {
    PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, keyBytes * 8);
    try {
      return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(ALGORITHM + " is part of every JDK", e);
    } finally {
      spec.clearPassword();
    }
  }
}
