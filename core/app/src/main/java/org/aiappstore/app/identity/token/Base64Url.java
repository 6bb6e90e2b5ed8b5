package org.aiappstore.app.identity.token;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/** Unpadded base64url, as JWTs, JWKs and our opaque tokens use it. */
public final class Base64Url {

  private static final SecureRandom RANDOM = new SecureRandom();

  private Base64Url() {}

  public static String encode(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static String encode(String text) {
    return encode(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Throws {@link IllegalArgumentException} for anything that is not base64url. */
  public static byte[] decode(String text) {
    return Base64.getUrlDecoder().decode(text);
  }

  /** A random secret of {@code bytes} bytes, base64url encoded. */
  public static String randomSecret(int bytes) {
    byte[] secret = new byte[bytes];
    RANDOM.nextBytes(secret);
    return encode(secret);
  }
}
