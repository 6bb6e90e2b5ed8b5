package org.aiappstore.app.export;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import org.aiappstore.app.model.Slugs;
import org.bson.Document;

/**
 * Where a card of the bundle goes here, by the {@link ConflictMode} when a card already has its id
 * or its owner and slug: its id and slug here and the cards it replaces, or why it is skipped.
 */
record Placement(String id, String slug, Set<Document> replaced, String skipped) {

  private static final int SLUG_ATTEMPTS = 50;

  static Placement of(
      MongoCollection<Document> cards, String id, String ownerId, String slug, ConflictMode mode) {
    Document sameId = cards.find(Filters.eq("_id", id)).first();
    Document sameAddress =
        cards.find(Filters.and(Filters.eq("ownerId", ownerId), Filters.eq("slug", slug))).first();
    String newId = id;
    String newSlug = slug;
    Set<Document> replaced = Set.of();
    if (sameId != null || sameAddress != null) {
      switch (mode) {
        case SKIP:
          return new Placement(
              id,
              slug,
              replaced,
              sameId != null ? "a card with this id exists" : "the owner has a card at this slug");
        case OVERWRITE:
          replaced = nonNull(sameId, sameAddress);
          break;
        default:
          if (sameId != null) {
            newId = UUID.randomUUID().toString();
          }
          if (sameAddress != null) {
            newSlug = freeSlug(cards, ownerId, slug);
          }
      }
    }
    return new Placement(newId, newSlug, replaced, null);
  }

  boolean isSkipped() {
    return skipped != null;
  }

  private static String freeSlug(MongoCollection<Document> cards, String ownerId, String slug) {
    for (int n = 2; n <= SLUG_ATTEMPTS; n++) {
      String candidate = Slugs.numbered(slug, n);
      if (cards.countDocuments(
              Filters.and(Filters.eq("ownerId", ownerId), Filters.eq("slug", candidate)))
          == 0) {
        return candidate;
      }
    }
    throw new IllegalStateException("no free slug near " + slug);
  }

  private static Set<Document> nonNull(Document a, Document b) {
    Set<Document> set = new LinkedHashSet<>();
    if (a != null) {
      set.add(a);
    }
    if (b != null) {
      set.add(b);
    }
    return set;
  }
}
