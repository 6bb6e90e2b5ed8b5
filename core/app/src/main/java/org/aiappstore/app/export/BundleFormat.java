package org.aiappstore.app.export;

import java.util.Set;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * The bundle layout, version {@value #VERSION}:
 *
 * <pre>
 * manifest.json                  format version, created, card list, size and SHA-256 of every entry
 * cards/{cardId}/card.json       the stored card and the usernames of the user ids it mentions
 * cards/{cardId}/revisions.json  its history (only when exported with revisions)
 * cards/{cardId}/app.json        the spec of its demo app, if it has one: image, port, plain
 *                                environment, resources, the names of its secrets (their values are
 *                                never stored, so never exported); for reference, not re-deployed
 * cards/{cardId}/experiment.json the linked experiment as the tracker described it at export time
 *                                (the experiment API's JSON); for reference, an import only checks it
 * cards/{cardId}/dataset.json    the linked dataset likewise
 * media/{mediaId}/meta.json      the media record (type, name, size, SHA-256, owner's username)
 * media/{mediaId}/content        the file's bytes
 * </pre>
 *
 * Documents are MongoDB Extended JSON (canonical), so dates and 64-bit numbers come back as they
 * were stored and an import reproduces the records exactly. Chart JSON is part of the card
 * documents.
 */
final class BundleFormat {

  static final int VERSION = 1;
  static final String MANIFEST = "manifest.json";

  /** Entry names we write, and the only ones an import accepts. */
  static final Pattern ENTRY =
      Pattern.compile(
          "cards/[A-Za-z0-9-]{1,64}/(card|revisions|app|experiment|dataset)\\.json|media/[A-Za-z0-9-]{1,64}/(meta\\.json|content)");

  /** The entries an import parses; the snapshots and the app spec are kept for reference only. */
  static final Pattern PARSED =
      Pattern.compile(
          "cards/[A-Za-z0-9-]{1,64}/(card|revisions)\\.json|media/[A-Za-z0-9-]{1,64}/meta\\.json");

  /** The members of the manifest, listed in the layout above. */
  static final Set<String> MANIFEST_FIELDS =
      Set.of("formatVersion", "createdAt", "createdBy", "includeRevisions", "cards", "entries");

  static final JsonWriterSettings JSON =
      JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

  private BundleFormat() {}

  static String card(String cardId) {
    return "cards/" + cardId + "/card.json";
  }

  static String revisions(String cardId) {
    return "cards/" + cardId + "/revisions.json";
  }

  static String app(String cardId) {
    return "cards/" + cardId + "/app.json";
  }

  static String experiment(String cardId) {
    return "cards/" + cardId + "/experiment.json";
  }

  static String dataset(String cardId) {
    return "cards/" + cardId + "/dataset.json";
  }

  static String mediaMeta(String mediaId) {
    return "media/" + mediaId + "/meta.json";
  }

  static String mediaContent(String mediaId) {
    return "media/" + mediaId + "/content";
  }

  static String json(Document document) {
    return document.toJson(JSON);
  }

  /** The manifest is for people too: plain JSON numbers ("relaxed"), indented. */
  static String manifestJson(Document manifest) {
    return manifest.toJson(
        JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).indent(true).build());
  }
}
