package org.aiappstore.app.identity.token;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;

/** Signs compact RS256 JWTs with a {@link SigningKey}. */
public final class JwtSigner {

  private JwtSigner() {}

  public static String sign(JsonObject claims, SigningKey key) {
    JsonObject header =
        Json.createObjectBuilder()
            .add("alg", "RS256")
            .add("typ", "JWT")
            .add("kid", key.kid())
            .build();
    String signingInput =
        Base64Url.encode(header.toString()) + "." + Base64Url.encode(claims.toString());
    try {
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initSign(key.privateKey());
      signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + Base64Url.encode(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot sign a token", e);
    }
  }
}
