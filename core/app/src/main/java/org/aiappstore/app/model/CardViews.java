package org.aiappstore.app.model;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.aiappstore.app.identity.security.Caller;
import org.aiappstore.app.identity.user.User;
import org.aiappstore.app.identity.user.UserRepository;
import org.aiappstore.app.media.MediaUrlSigner;
import org.aiappstore.app.model.CardContent.DemoType;

/**
 * Cards as the API shows them: the content's JSON form plus identity, owner, dates, version and
 * what the caller may do. Media in the documents get signed URLs, since the caller passed the
 * visibility check that reading the card required.
 */
@ApplicationScoped
public class CardViews {

  /** Looked up once: {@code Json.*} searches the class path for a provider on every call. */
  private static final JsonProvider JSON = JsonProvider.provider();

  static final int SUMMARY_DESCRIPTION_MAX = 300;

  @Inject UserRepository users;
  @Inject MediaUrlSigner signer;

  public JsonObject card(ModelCard card, Caller caller) {
    return full(card, card.content(), card.version(), caller).build();
  }

  private JsonObjectBuilder full(ModelCard card, CardContent content, long version, Caller caller) {
    JsonObjectBuilder json = JSON.createObjectBuilder(CardJson.toJson(content));
    json.add("body", signer.signDocument(content.body(), card.mediaIds()))
        .add("performance", signer.signDocument(content.performance(), card.mediaIds()))
        .add("demo", demo(content))
        .add("id", card.id())
        .add("slug", card.slug())
        .add("owner", user(card.ownerId(), new HashMap<>()));
    JsonArrayBuilder shared = JSON.createArrayBuilder();
    content.sharedWith().forEach(id -> users.findById(id).ifPresent(u -> shared.add(user(u))));
    boolean mayWrite = CardAccess.canWrite(card, caller);
    return json.add("sharedUsers", shared)
        .add("createdAt", card.createdAt().toString())
        .add("updatedAt", card.updatedAt().toString())
        .add("version", version)
        .add(
            "permissions",
            JSON.createObjectBuilder().add("edit", mayWrite).add("delete", mayWrite));
  }

  /** A video demo also carries a signed URL to play it (ignored when sent back). */
  private JsonValue demo(CardContent content) {
    JsonObject demo = CardJson.toJson(content).getJsonObject("demo");
    if (content.demo().type() == DemoType.VIDEO) {
      return JSON.createObjectBuilder(demo)
          .add("url", signer.signedUrl(content.demo().mediaId()))
          .build();
    }
    return demo;
  }

  public JsonObject page(CardService.CardPage page) {
    Map<String, JsonObject> owners = new HashMap<>();
    JsonArrayBuilder items = JSON.createArrayBuilder();
    for (ModelCard card : page.items()) {
      items.add(summary(card, owners));
    }
    return JSON.createObjectBuilder()
        .add("items", items)
        .add("total", page.total())
        .add("page", page.page())
        .add("size", page.size())
        .build();
  }

  private JsonObject summary(ModelCard card, Map<String, JsonObject> owners) {
    return summaryWithoutOwner(card).add("owner", user(card.ownerId(), owners)).build();
  }

  /**
   * A {@code CardSummary} without its {@code owner}, which needs a user lookup: the search index
   * stores this part and adds the owner (with current names) when it answers.
   */
  public static JsonObjectBuilder summaryWithoutOwner(ModelCard card) {
    CardContent content = card.content();
    String description = content.description();
    if (description.length() > SUMMARY_DESCRIPTION_MAX) {
      description = description.substring(0, SUMMARY_DESCRIPTION_MAX - 1) + "…";
    }
    JsonObject json = CardJson.toJson(content);
    return JSON.createObjectBuilder()
        .add("id", card.id())
        .add("slug", card.slug())
        .add("title", content.title())
        .add("task", content.task())
        .add("tags", json.get("tags"))
        .add("frameworks", json.get("frameworks"))
        .add("description", description)
        .add("visibility", json.get("visibility"))
        .add("demo", json.get("demo"))
        .add("updatedAt", card.updatedAt().toString())
        .add("version", card.version());
  }

  public JsonObject revisions(List<Revision> revisions) {
    Map<String, JsonObject> authors = new HashMap<>();
    JsonArrayBuilder items = JSON.createArrayBuilder();
    revisions.forEach(r -> items.add(revision(r, authors)));
    return JSON.createObjectBuilder().add("items", items).build();
  }

  /** A revision with the card as it was then. */
  public JsonObject revisionWithCard(ModelCard card, Revision revision, Caller caller) {
    return JSON.createObjectBuilder()
        .add("revision", revision(revision, new HashMap<>()))
        .add("card", full(card, revision.content(), revision.number(), caller))
        .build();
  }

  private JsonObject revision(Revision revision, Map<String, JsonObject> authors) {
    JsonObjectBuilder json =
        JSON.createObjectBuilder()
            .add("number", revision.number())
            .add("version", revision.number())
            .add("author", user(revision.authorId(), authors))
            .add("createdAt", revision.createdAt().toString())
            .add("fields", CardJson.strings(revision.fields()));
    if (revision.restoredFrom() == null) {
      json.addNull("restoredFrom");
    } else {
      json.add("restoredFrom", revision.restoredFrom());
    }
    return json.build();
  }

  private JsonObject user(String userId, Map<String, JsonObject> cache) {
    return cache.computeIfAbsent(userId, id -> userJson(id, users.findById(id)));
  }

  /** A user as cards show them: id, username, display name; a deleted user keeps only the id. */
  public static JsonObject userJson(String id, Optional<User> user) {
    return user.map(CardViews::user)
        .orElseGet(
            () ->
                JSON.createObjectBuilder()
                    .add("id", id)
                    .add("username", "")
                    .add("displayName", "Deleted user")
                    .build());
  }

  private static JsonObject user(User user) {
    return JSON.createObjectBuilder()
        .add("id", user.id())
        .add("username", user.username())
        .add("displayName", user.displayName() == null ? user.username() : user.displayName())
        .build();
  }
}
