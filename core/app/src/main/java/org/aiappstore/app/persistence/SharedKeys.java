package org.aiappstore.app.persistence;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * Random 256-bit HMAC keys that every replica shares, kept in the {@code app_secrets} collection
 * under an id of the feature using them (signed media URLs, app access tickets). Created by the
 * first replica that needs one; replicas starting together both try to insert, the loser reads the
 * winner's key. A key never leaves the server.
 */
@ApplicationScoped
public class SharedKeys {

  private static final String COLLECTION = "app_secrets";

  @Inject MongoConnection mongo;

  private final Map<String, byte[]> keys = new ConcurrentHashMap<>();

  /** The HMAC-SHA256 of {@code text} with the shared key {@code keyId}, Base64url. */
  public String sign(String keyId, String text) {
    return hmac(keys.computeIfAbsent(keyId, this::loadOrCreate), text);
  }

  /** The HMAC-SHA256 of {@code text} with {@code key}, Base64url without padding. */
  public static String hmac(byte[] key, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] digest = mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** Compares two signatures in time independent of where they differ. */
  public static boolean sameSignature(String expected, String given) {
    return given != null
        && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.US_ASCII),
            given.getBytes(StandardCharsets.US_ASCII));
  }

  private byte[] loadOrCreate(String keyId) {
    MongoCollection<Document> secrets = mongo.database().getCollection(COLLECTION);
    Document existing = secrets.find(Filters.eq("_id", keyId)).first();
    if (existing == null) {
      byte[] generated = new byte[32];
      new SecureRandom().nextBytes(generated);
      try {
        secrets.insertOne(new Document("_id", keyId).append("key", new Binary(generated)));
        return generated;
      } catch (MongoWriteException e) {
        if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
          throw e;
        }
        existing = secrets.find(Filters.eq("_id", keyId)).first();
      }
    }
    return existing.get("key", Binary.class).getData();
  }
}
