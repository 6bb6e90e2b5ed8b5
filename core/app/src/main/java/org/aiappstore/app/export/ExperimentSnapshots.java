package org.aiappstore.app.export;

import jakarta.json.JsonObject;
import org.aiappstore.app.experiment.ExperimentService;

/**
 * Where an export reads a card's linked experiment and dataset: the experiment service's normalized
 * JSON, exactly as {@code GET /api/v1/experiments/...} and {@code GET /api/v1/datasets/...} answer
 * it, so the bundle and the API never disagree on the shape.
 */
interface ExperimentSnapshots {

  /**
   * @throws RuntimeException (usually a {@code PlatformException}) when the tracker cannot answer
   */
  JsonObject experiment(String connectorId, String id);

  /**
   * @throws RuntimeException (usually a {@code PlatformException}) when the tracker cannot answer
   */
  JsonObject dataset(String connectorId, String id);

  /** Read fresh from the trackers: a snapshot is what the tracker says at export time. */
  static ExperimentSnapshots of(ExperimentService service) {
    return new ExperimentSnapshots() {
      @Override
      public JsonObject experiment(String connectorId, String id) {
        return service.experiment(connectorId, id, true);
      }

      @Override
      public JsonObject dataset(String connectorId, String id) {
        return service.dataset(connectorId, id, true);
      }
    };
  }
}
