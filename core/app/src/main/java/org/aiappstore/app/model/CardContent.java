package org.aiappstore.app.model;

import java.time.Instant;
import java.util.List;

/**
 * Everything a card's author writes: the fields of a create, a {@code PUT} and, after a merge patch
 * is applied, a {@code PATCH}. Rich documents hold sanitized HTML; everything else is plain text.
 * Revisions store a snapshot of this, so a restore brings back exactly what was written.
 */
public record CardContent(
    String title,
    String task,
    List<String> tags,
    List<String> frameworks,
    String description,
    String explanation,
    String usage,
    String limitations,
    String ownerDisplayName,
    String pointOfContact,
    String body,
    String performance,
    List<Artifact> artifacts,
    ExternalRef experiment,
    ExternalRef dataset,
    Demo demo,
    Visibility visibility,
    List<String> sharedWith) {

  public CardContent {
    tags = List.copyOf(tags);
    frameworks = List.copyOf(frameworks);
    artifacts = List.copyOf(artifacts);
    sharedWith = List.copyOf(sharedWith);
  }

  /** A file produced with the model: weights, an ONNX export, a config. */
  public record Artifact(
      String type, String name, String url, String framework, Instant timestamp) {}

  /** An experiment or dataset in a tracker, reached through an experiment connector instance. */
  public record ExternalRef(String connectorId, String externalId) {}

  /** What the Demo tab shows: nothing, a live inference app, or an uploaded example video. */
  public record Demo(DemoType type, String appId, String mediaId) {

    public static final Demo NONE = new Demo(DemoType.NONE, null, null);
  }

  public enum DemoType {
    NONE,
    APP,
    VIDEO
  }

  public enum Visibility {
    PUBLIC,
    PRIVATE
  }

  /** No content at all: the "before" of a card's first revision. */
  public static final CardContent EMPTY =
      new CardContent(
          "",
          "",
          List.of(),
          List.of(),
          "",
          "",
          "",
          "",
          "",
          "",
          "",
          "",
          List.of(),
          null,
          null,
          Demo.NONE,
          Visibility.PUBLIC,
          List.of());

  public CardContent withSharedWith(List<String> sharedWith) {
    return new CardContent(
        title,
        task,
        tags,
        frameworks,
        description,
        explanation,
        usage,
        limitations,
        ownerDisplayName,
        pointOfContact,
        body,
        performance,
        artifacts,
        experiment,
        dataset,
        demo,
        visibility,
        sharedWith);
  }

  /** The same content naming another owner (the "Owner" field of the card). */
  public CardContent withOwnerDisplayName(String ownerDisplayName) {
    return new CardContent(
        title,
        task,
        tags,
        frameworks,
        description,
        explanation,
        usage,
        limitations,
        ownerDisplayName,
        pointOfContact,
        body,
        performance,
        artifacts,
        experiment,
        dataset,
        demo,
        visibility,
        sharedWith);
  }
}
