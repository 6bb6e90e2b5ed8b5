package org.aiappstore.app.export;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.logging.Level;
import java.util.logging.Logger;

/** What a card's import wrote so far, to be taken back, last first, when a later step fails. */
final class Undo {

  // Logged under the importer's name, where an import's failures have always been reported.
  private static final Logger LOG = Logger.getLogger(BundleImporter.class.getName());

  private final Deque<Runnable> steps = new ArrayDeque<>();

  void add(Runnable step) {
    steps.push(step);
  }

  void run(String cardId) {
    while (!steps.isEmpty()) {
      try {
        steps.pop().run();
      } catch (RuntimeException e) {
        LOG.log(
            Level.WARNING, "Could not take back part of the failed import of card " + cardId, e);
      }
    }
  }
}
