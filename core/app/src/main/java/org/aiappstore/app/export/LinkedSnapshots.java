package org.aiappstore.app.export;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.aiappstore.plugin.api.error.PlatformException;
import org.bson.Document;

/**
 * Writes the snapshots of a card's linked experiment and dataset into the bundle. A snapshot the
 * tracker cannot give (down, slow, the run deleted, the connector removed or unable to read
 * datasets) does not fail the card: the card is exported without it and the reason comes back as a
 * warning. Each linked object is read once per export, however many cards link to it.
 */
final class LinkedSnapshots {

  private static final Logger LOG = Logger.getLogger(LinkedSnapshots.class.getName());

  private final ExperimentSnapshots source;
  private final Map<String, Fetched> fetched = new HashMap<>();

  /** A snapshot, or why there is none. */
  private record Fetched(JsonObject json, String problem) {}

  LinkedSnapshots(ExperimentSnapshots source) {
    this.source = source;
  }

  /** Writes the card's snapshots; returns the warnings, empty when all linked ones were written. */
  List<String> write(String cardId, Document card, BundleWriter writer) throws IOException {
    List<String> warnings = new ArrayList<>();
    Document content = card.get("content", Document.class);
    if (content == null) {
      return warnings;
    }
    write(
        "experiment",
        content.get("experiment", Document.class),
        source::experiment,
        BundleFormat.experiment(cardId),
        writer,
        warnings);
    write(
        "dataset",
        content.get("dataset", Document.class),
        source::dataset,
        BundleFormat.dataset(cardId),
        writer,
        warnings);
    return warnings;
  }

  private void write(
      String kind,
      Document link,
      BiFunction<String, String, JsonObject> read,
      String path,
      BundleWriter writer,
      List<String> warnings)
      throws IOException {
    if (link == null || link.getString("connectorId") == null) {
      return;
    }
    String connectorId = link.getString("connectorId");
    String id = link.getString("externalId");
    Fetched snapshot =
        fetched.computeIfAbsent(
            kind + "\n" + connectorId + "\n" + id, k -> fetch(read, connectorId, id));
    if (snapshot.json() == null) {
      warnings.add(kind + " snapshot unavailable: " + snapshot.problem());
    } else {
      writer.add(path, snapshot.json().toString());
    }
  }

  private static Fetched fetch(
      BiFunction<String, String, JsonObject> read, String connectorId, String id) {
    try {
      return new Fetched(read.apply(connectorId, id), null);
    } catch (PlatformException e) {
      // Our own errors: the connector's or the guard's message, written for people, no secrets.
      return new Fetched(null, e.getMessage());
    } catch (org.aiappstore.app.problem.ProblemException e) {
      return new Fetched(null, e.getMessage());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Snapshot of " + connectorId + "/" + id + " failed.", e);
      return new Fetched(null, "unexpected error (see the server log)");
    }
  }
}
