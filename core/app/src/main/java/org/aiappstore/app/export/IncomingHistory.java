package org.aiappstore.app.export;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.aiappstore.app.model.Revision;

/**
 * The history of a checked card as it will be written: the bundle's revisions, read again part by
 * part and checked again on the way ({@link RevisionCheck} gives the same revisions for the same
 * bytes, which the bundle's SHA-256 fixed), then the revisions the import adds. It never holds the
 * bundle's revisions, so writing a long history takes the memory of one part of it.
 */
final class IncomingHistory {

  /** Takes the revisions in order; may fail, which stops the reading. */
  interface Each {
    void accept(Revision revision) throws IOException;
  }

  private final BundleHistory stored;
  private final RevisionCheck check;
  private final List<Revision> added;
  private final UnaryOperator<Revision> change;

  /**
   * @param stored the bundle's history, already checked in full with {@code check}; {@code null}
   *     for a card exported without
   * @param added revisions after the bundle's, numbered above them
   */
  IncomingHistory(BundleHistory stored, RevisionCheck check, List<Revision> added) {
    this(stored, check, List.copyOf(added), UnaryOperator.identity());
  }

  private IncomingHistory(
      BundleHistory stored,
      RevisionCheck check,
      List<Revision> added,
      UnaryOperator<Revision> change) {
    this.stored = stored;
    this.check = check;
    this.added = added;
    this.change = change;
  }

  /** This history followed by {@code revision}, numbered above all of it. */
  IncomingHistory adding(Revision revision) {
    List<Revision> more = new ArrayList<>(added);
    more.add(revision);
    return new IncomingHistory(stored, check, List.copyOf(more), change);
  }

  /** This history with each revision changed by {@code next} (after the changes it has). */
  IncomingHistory changed(UnaryOperator<Revision> next) {
    return new IncomingHistory(stored, check, added, r -> next.apply(change.apply(r)));
  }

  /** The id of the card in the bundle. */
  String cardId() {
    return check.cardId();
  }

  /** Each revision in order, the bundle's read again from it. */
  void forEach(Each each) throws IOException {
    if (stored != null) {
      long[] previous = {0};
      stored.forEach(
          item -> {
            Revision revision = check.check(item, previous[0]).revision();
            previous[0] = revision.number();
            each.accept(change.apply(revision));
          });
    }
    for (Revision revision : added) {
      each.accept(change.apply(revision));
    }
  }
}
