package org.aiappstore.app.model;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.regex.Pattern;
import org.aiappstore.app.identity.security.Caller;
import org.aiappstore.app.media.MediaReferences;
import org.aiappstore.app.media.MediaStore;
import org.aiappstore.app.media.MediaUrlSigner;
import org.aiappstore.app.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's own wizard drafts: {@code new} for a card being created, or a card id. */
@Path("v1/drafts/{key}")
@RequestScoped
@Tag(name = "Model cards")
public class DraftResource {

  static final int MAX_BYTES = 1 << 20;
  private static final Pattern KEY = Pattern.compile("new|[0-9a-f-]{36}");

  @Inject DraftStore drafts;
  @Inject CardRepository cards;
  @Inject MediaReferences mediaReferences;
  @Inject MediaStore media;
  @Inject MediaUrlSigner signer;
  @Context HttpServletRequest request;

  @GET
  @RolesAllowed("user")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Your draft for this key; 404 when there is none")
  public JsonObject get(@PathParam("key") String key) {
    Caller caller = Caller.required(request);
    return drafts
        .find(caller.userId(), validKey(key))
        .map(draft -> view(draft, resigned(draft.content(), caller, key)))
        .orElseThrow(
            () -> new ProblemException(404, "DRAFT_NOT_FOUND", "There is no draft for this key."));
  }

  @PUT
  @RolesAllowed("user")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Save your draft (any JSON object up to 1 MiB in content)")
  public JsonObject save(@PathParam("key") String key, JsonObject body) {
    JsonValue content = body == null ? null : body.get("content");
    if (!(content instanceof JsonObject)) {
      throw ProblemException.field(422, "INVALID_DRAFT", "/content", "must be a JSON object");
    }
    String text = content.toString();
    if (utf8Length(text) > MAX_BYTES) {
      throw ProblemException.field(
          413, "DRAFT_TOO_LARGE", "/content", "must be at most 1 MiB of JSON");
    }
    Caller caller = Caller.required(request);
    String editable = editableKey(caller, key);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    // Claimed as an edit claims them, so that no cleanup takes a file the draft just named; the
    // cleanup keeps claiming what drafts name (DraftStore#mediaInDrafts).
    mediaReferences.claim(DraftMedia.ids(text), now);
    DraftStore.Draft saved = drafts.save(caller.userId(), editable, text, now);
    return view(saved, saved.content());
  }

  /**
   * The draft with the signed URLs of its files signed anew, for files the caller may see: their
   * own, and those of the card the draft edits. The signatures it was saved with expire within
   * hours; a draft is resumed days later.
   */
  private String resigned(String content, Caller caller, String key) {
    Set<String> cardFiles =
        key.equals("new")
            ? Set.of()
            : cards
                .findById(key)
                .filter(card -> CardAccess.canRead(card, caller))
                .map(ModelCard::mediaIds)
                .orElse(Set.of());
    return DraftMedia.resigned(
        content,
        id ->
            cardFiles.contains(id)
                || media
                    .find(id)
                    .filter(file -> file.ownerId().equals(caller.userId()))
                    .isPresent(),
        signer::signedUrl);
  }

  /**
   * The length of {@code text} in UTF-8, which the 1 MiB limit counts (not UTF-16 chars), without
   * encoding it; a lone surrogate counts 3 bytes.
   */
  static long utf8Length(String text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  @DELETE
  @RolesAllowed("user")
  @Operation(summary = "Discard your draft")
  public Response delete(@PathParam("key") String key) {
    drafts.delete(Caller.required(request).userId(), validKey(key));
    return Response.noContent().build();
  }

  private static String validKey(String key) {
    if (!KEY.matcher(key).matches()) {
      throw new ProblemException(404, "DRAFT_NOT_FOUND", "Drafts are kept for 'new' or a card id.");
    }
    return key;
  }

  /**
   * A key a draft may be saved under: {@code new}, or a card the caller may edit. Any other id
   * would let one user store drafts without end (they are removed with their card only).
   */
  private String editableKey(Caller caller, String key) {
    if (!validKey(key).equals("new")
        && cards.findById(key).filter(card -> CardAccess.canWrite(card, caller)).isEmpty()) {
      throw new ProblemException(
          404, "DRAFT_NOT_FOUND", "Drafts are kept for 'new' or a card you may edit.");
    }
    return key;
  }

  private static JsonObject view(DraftStore.Draft draft, String content) {
    try (JsonReader reader = Json.createReader(new StringReader(content))) {
      return Json.createObjectBuilder()
          .add("key", draft.key())
          .add("content", reader.readObject())
          .add("updatedAt", draft.updatedAt().toString())
          .build();
    }
  }
}
