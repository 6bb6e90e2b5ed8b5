package org.aiappstore.app.identity.token;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.aiappstore.app.persistence.MongoConnection;
import org.bson.Document;

/**
 * The token signing key, generated on first start and kept in {@code signing_keys} so that every
 * replica and every restart signs and verifies with the same key. Two replicas starting together
 * both try to insert the document with the fixed id {@value #ACTIVE_ID}; the loser reads the
 * winner's key.
 */
@ApplicationScoped
public class SigningKeyStore {

  static final String ACTIVE_ID = "active";
  private static final Logger LOG = Logger.getLogger(SigningKeyStore.class.getName());

  @Inject MongoConnection mongo;

  private volatile SigningKey active;

  public SigningKeyStore() {}

  SigningKeyStore(MongoConnection mongo) {
    this.mongo = mongo;
  }

  public SigningKey active() {
    SigningKey key = active;
    if (key == null) {
      synchronized (this) {
        if (active == null) {
          active = loadOrCreate();
        }
        key = active;
      }
    }
    return key;
  }

  /** The verification key for a kid; only the active key exists until rotation is built. */
  public Optional<java.security.PublicKey> publicKey(String kid) {
    SigningKey key = active();
    return key.kid().equals(kid) ? Optional.of(key.publicKey()) : Optional.empty();
  }

  public List<SigningKey> published() {
    return List.of(active());
  }

  private SigningKey loadOrCreate() {
    MongoCollection<Document> keys = mongo.database().getCollection("signing_keys");
    Document existing = keys.find(Filters.eq("_id", ACTIVE_ID)).first();
    if (existing != null) {
      return decode(existing);
    }
    SigningKey generated = SigningKey.generate();
    Base64.Encoder base64 = Base64.getEncoder();
    try {
      keys.insertOne(
          new Document("_id", ACTIVE_ID)
              .append("kid", generated.kid())
              .append("privateKey", base64.encodeToString(generated.privateKey().getEncoded()))
              .append("publicKey", base64.encodeToString(generated.publicKey().getEncoded()))
              .append("createdAt", new Date()));
      LOG.info(() -> "Generated token signing key " + generated.kid());
      return generated;
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
      // Another replica won the race: use its key.
      return decode(keys.find(Filters.eq("_id", ACTIVE_ID)).first());
    }
  }

  private static SigningKey decode(Document document) {
    Base64.Decoder base64 = Base64.getDecoder();
    return SigningKey.decode(
        document.getString("kid"),
        base64.decode(document.getString("privateKey")),
        base64.decode(document.getString("publicKey")));
  }
}
