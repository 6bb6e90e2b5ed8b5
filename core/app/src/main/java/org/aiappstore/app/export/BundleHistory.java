package org.aiappstore.app.export;

import java.io.IOException;
import java.util.List;
import java.util.zip.ZipFile;
import org.bson.Document;

/**
 * A card's history in the bundle: its parts ({@link BundleFormat#revisions(String, int)}) read in
 * order, each parsed only while its revisions are handed on. So an import holds one part of a
 * history at a time, never the whole of it, however long it is; the bundle's verification made sure
 * the parts have no gap.
 */
final class BundleHistory {

  /** Takes a stored revision, of any type: it is checked by the taker. */
  interface Each {
    void accept(Object storedRevision) throws IOException;
  }

  private final ZipFile zip;
  private final String cardId;
  private final long maxJsonBytes;

  private BundleHistory(ZipFile zip, String cardId, long maxJsonBytes) {
    this.zip = zip;
    this.cardId = cardId;
    this.maxJsonBytes = maxJsonBytes;
  }

  /** The history of card {@code cardId}, or {@code null} when it was exported without. */
  static BundleHistory of(ZipFile zip, String cardId, long maxJsonBytes) {
    return zip.getEntry(BundleFormat.revisions(cardId)) == null
        ? null
        : new BundleHistory(zip, cardId, maxJsonBytes);
  }

  /**
   * Each stored revision of every part, in order.
   *
   * @throws Refused when a part cannot be read or holds no list of revisions
   */
  void forEach(Each each) throws IOException {
    for (int part = 1; zip.getEntry(BundleFormat.revisions(cardId, part)) != null; part++) {
      Document entry = ForeignJson.read(zip, BundleFormat.revisions(cardId, part), maxJsonBytes);
      if (!(entry.get("revisions") instanceof List<?> list)) {
        throw new Refused("its history is not a list of revisions");
      }
      for (Object item : list) {
        each.accept(item);
      }
    }
  }
}
