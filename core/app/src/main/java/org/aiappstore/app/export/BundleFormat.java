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
 * cards/{cardId}/revisions.json  its history (only when exported with revisions), oldest first;
 * cards/{cardId}/revisions-2.json  when it is large, continued in parts 2, 3, ... of at most
 *                                {@link #historyPartBytes} each (a single larger revision alone),
 *                                each part {"revisions": [...]}, the parts in order
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

  /** Part numbers of a history after the first: 2 to 999999, without leading zeros. */
  private static final String PART = "-(?:[2-9]|[1-9][0-9]{1,5})";

  /** Entry names we write, and the only ones an import accepts. */
  static final Pattern ENTRY =
      Pattern.compile(
          "cards/[A-Za-z0-9-]{1,64}/(card|revisions("
              + PART
              + ")?|app|experiment|dataset)\\.json|media/[A-Za-z0-9-]{1,64}/(meta\\.json|content)");

  /** The entries an import parses; the snapshots and the app spec are kept for reference only. */
  static final Pattern PARSED =
      Pattern.compile(
          "cards/[A-Za-z0-9-]{1,64}/(card|revisions("
              + PART
              + ")?)\\.json|media/[A-Za-z0-9-]{1,64}/meta\\.json");

  /** A part of a history after the first, naming its card and number. */
  static final Pattern LATER_PART =
      Pattern.compile("cards/([A-Za-z0-9-]{1,64})/revisions-([0-9]{1,6})\\.json");

  /**
   * The most bytes of a history part wherever it is imported: a quarter of the import's limit for
   * one parsed entry, at most 16 MiB. Any server with the default limit (64 MiB) reads the parts,
   * and so does one whose limit is lowered as far as this server's. A single revision larger than
   * this goes alone into a part: its two rich documents of at most 2 million characters each take
   * at most about 25 MB even with every character escaped, so it stays under the default limit.
   */
  static long historyPartBytes(long maxJsonEntryBytes) {
    return Math.max(1, Math.min(16L << 20, maxJsonEntryBytes / 4));
  }

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
    return revisions(cardId, 1);
  }

  /** Part {@code part} (from 1) of a card's history: {@code revisions.json}, then -2, -3, ... */
  static String revisions(String cardId, int part) {
    return "cards/" + cardId + "/revisions" + (part == 1 ? "" : "-" + part) + ".json";
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
