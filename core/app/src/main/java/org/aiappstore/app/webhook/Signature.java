package org.aiappstore.app.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-AIAppStore-Signature} header: {@code sha256=} and the hex HMAC-SHA256 of the raw
 * request body, keyed with the webhook's secret. Receivers recompute it over the bytes they got.
 */
public final class Signature {

  public static final String HEADER = "X-AIAppStore-Signature";

  private Signature() {}

  public static String of(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
