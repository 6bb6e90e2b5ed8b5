package org.aiappstore.app.identity.token;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.UUID;

/** An RSA key pair with its key id, and its public half as a JWK. */
public record SigningKey(String kid, PrivateKey privateKey, RSAPublicKey publicKey) {

  public static SigningKey generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      return new SigningKey(
          UUID.randomUUID().toString(), pair.getPrivate(), (RSAPublicKey) pair.getPublic());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot generate an RSA key", e);
    }
  }

  /** Rebuilds a key from its PKCS#8 private and X.509 public encodings. */
  public static SigningKey decode(String kid, byte[] pkcs8, byte[] x509) {
    try {
      KeyFactory factory = KeyFactory.getInstance("RSA");
      return new SigningKey(
          kid,
          factory.generatePrivate(new PKCS8EncodedKeySpec(pkcs8)),
          (RSAPublicKey) factory.generatePublic(new X509EncodedKeySpec(x509)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Stored signing key " + kid + " cannot be read", e);
    }
  }

  /** The public key as a JWK (RFC 7517): what verifiers fetch from our JWKS. */
  public JsonObject publicJwk() {
    return Json.createObjectBuilder()
        .add("kty", "RSA")
        .add("kid", kid)
        .add("use", "sig")
        .add("alg", "RS256")
        .add("n", Base64Url.encode(unsigned(publicKey.getModulus())))
        .add("e", Base64Url.encode(unsigned(publicKey.getPublicExponent())))
        .build();
  }

  /** Reads the public key of an RSA JWK. */
  public static RSAPublicKey publicKeyOf(JsonObject jwk) throws GeneralSecurityException {
    BigInteger n = new BigInteger(1, Base64Url.decode(jwk.getString("n")));
    BigInteger e = new BigInteger(1, Base64Url.decode(jwk.getString("e")));
    return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
  }

  /** JWK integers are unsigned big-endian: drop the sign byte BigInteger adds. */
  private static byte[] unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    return bytes.length > 1 && bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
  }
}
