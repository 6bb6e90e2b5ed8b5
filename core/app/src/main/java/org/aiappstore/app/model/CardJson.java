package org.aiappstore.app.model;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.aiappstore.app.model.CardContent.Artifact;
import org.aiappstore.app.model.CardContent.Demo;
import org.aiappstore.app.model.CardContent.DemoType;
import org.aiappstore.app.model.CardContent.ExternalRef;
import org.aiappstore.app.model.CardContent.Visibility;
import org.aiappstore.app.problem.Problem;

/**
 * The JSON form of {@link CardContent}, both ways. Parsing validates and normalizes every field and
 * collects all errors with their JSON pointers; the rich documents are only size-checked here and
 * sanitized later. The same form is the base of merge patches and the snapshot in revisions.
 */
public final class CardJson {

  /** Looked up once: {@code Json.*} searches the class path for a provider on every call. */
  private static final JsonProvider JSON = JsonProvider.provider();

  static final int TITLE_MAX = 120;
  static final int SECTION_MAX = 5000;
  static final int DISPLAY_NAME_MAX = 120;
  static final int CONTACT_MAX = 200;
  static final int LABELS_MAX = 20;
  static final int LABEL_MAX = 40;
  static final int ARTIFACTS_MAX = 50;
  static final int SHARED_MAX = 100;
  static final int DOCUMENT_MAX = 2_000_000;

  static final Set<String> WRITABLE =
      Set.of(
          "title",
          "task",
          "tags",
          "frameworks",
          "description",
          "explanation",
          "usage",
          "limitations",
          "ownerDisplayName",
          "pointOfContact",
          "body",
          "performance",
          "artifacts",
          "experiment",
          "dataset",
          "demo",
          "visibility",
          "sharedWith");

  private static final Set<String> ARTIFACT_FIELDS =
      Set.of("type", "name", "url", "framework", "timestamp");
  private static final Set<String> REF_FIELDS = Set.of("connectorId", "externalId");
  // "url" is the signed address answers carry for a video; sent back, it is ignored.
  private static final Set<String> DEMO_FIELDS = Set.of("type", "appId", "mediaId", "url");
  private static final Set<String> ARTIFACT_SCHEMES = Set.of("http", "https", "s3");

  private CardJson() {}

  /**
   * Reads card content; {@code extraAllowed} names members the caller handles itself (such as
   * {@code slug} on create). Errors are added to {@code errors}; the result is meaningful only when
   * none were.
   */
  public static CardContent parse(
      JsonObject json, Set<String> extraAllowed, List<Problem.FieldError> errors) {
    JsonFields in = new JsonFields(json, "", errors);
    Set<String> allowed = new LinkedHashSet<>(WRITABLE);
    allowed.addAll(extraAllowed);
    in.rejectUnknown(allowed);

    String title = in.text("title", TITLE_MAX);
    if (title.isEmpty()) {
      in.error("title", "is required");
    }
    String task = in.text("task", 60);
    if (task.isEmpty()) {
      in.error("task", "is required");
    }
    return new CardContent(
        title,
        task,
        labels(in, "tags"),
        labels(in, "frameworks"),
        in.text("description", SECTION_MAX),
        in.text("explanation", SECTION_MAX),
        in.text("usage", SECTION_MAX),
        in.text("limitations", SECTION_MAX),
        in.text("ownerDisplayName", DISPLAY_NAME_MAX),
        in.text("pointOfContact", CONTACT_MAX),
        document(in, "body"),
        document(in, "performance"),
        artifacts(in),
        reference(in, "experiment"),
        reference(in, "dataset"),
        demo(in),
        visibility(in),
        sharedWith(in));
  }

  /**
   * Tags and frameworks: trimmed, blanks dropped, duplicates removed ignoring case while keeping
   * the first spelling and the order.
   */
  static List<String> labels(JsonFields in, String member) {
    JsonArray array = in.array(member);
    List<String> result = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.get(i) instanceof JsonString text)) {
        in.error(member + "/" + i, "must be a string");
        continue;
      }
      String label = PlainText.clean(text.getString()).strip().replaceAll("\\s+", " ");
      if (label.isEmpty()) {
        continue;
      }
      if (label.length() > LABEL_MAX) {
        in.error(member + "/" + i, "must be at most " + LABEL_MAX + " characters");
        continue;
      }
      if (seen.add(label.toLowerCase(Locale.ROOT))) {
        result.add(label);
      }
    }
    if (result.size() > LABELS_MAX) {
      in.error(member, "can hold at most " + LABELS_MAX + " distinct entries");
    }
    return result;
  }

  private static String document(JsonFields in, String member) {
    String html = in.string(member);
    if (html == null) {
      return "";
    }
    if (html.length() > DOCUMENT_MAX) {
      in.error(member, "must be at most " + DOCUMENT_MAX + " characters");
    }
    return html;
  }

  private static List<Artifact> artifacts(JsonFields in) {
    JsonArray array = in.array("artifacts");
    if (array.size() > ARTIFACTS_MAX) {
      in.error("artifacts", "can hold at most " + ARTIFACTS_MAX + " entries");
      return List.of();
    }
    List<Artifact> result = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      String member = "artifacts/" + i;
      if (!(array.get(i) instanceof JsonObject object)) {
        in.error(member, "must be an object");
        continue;
      }
      JsonFields artifact = in.nested(member, object);
      artifact.rejectUnknown(ARTIFACT_FIELDS);
      String type = artifact.text("type", LABEL_MAX);
      String name = artifact.text("name", 200);
      String url = artifact.text("url", 2000);
      if (type.isEmpty()) {
        artifact.error("type", "is required");
      }
      if (name.isEmpty()) {
        artifact.error("name", "is required");
      }
      if (url.isEmpty()) {
        artifact.error("url", "is required");
      } else if (!isArtifactUrl(url)) {
        artifact.error("url", "must be an http, https or s3 URL");
      }
      String framework = artifact.text("framework", LABEL_MAX);
      Instant timestamp = null;
      String when = artifact.string("timestamp");
      if (when != null && !when.isBlank()) {
        try {
          timestamp = Instant.parse(when.strip());
        } catch (DateTimeParseException e) {
          artifact.error("timestamp", "must be a UTC date and time such as 2026-01-31T12:00:00Z");
        }
      }
      result.add(new Artifact(type, name, url, framework.isEmpty() ? null : framework, timestamp));
    }
    return result;
  }

  static boolean isArtifactUrl(String url) {
    try {
      URI uri = new URI(url);
      return uri.getScheme() != null
          && ARTIFACT_SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT))
          && uri.getHost() != null
          && !uri.getHost().isBlank();
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static ExternalRef reference(JsonFields in, String member) {
    JsonObject object = in.object(member);
    if (object == null) {
      return null;
    }
    JsonFields ref = in.nested(member, object);
    ref.rejectUnknown(REF_FIELDS);
    String connectorId = ref.text("connectorId", 100);
    String externalId = ref.text("externalId", 200);
    if (connectorId.isEmpty()) {
      ref.error("connectorId", "is required");
    }
    if (externalId.isEmpty()) {
      ref.error("externalId", "is required");
    }
    return new ExternalRef(connectorId, externalId);
  }

  private static Demo demo(JsonFields in) {
    JsonObject object = in.object("demo");
    if (object == null) {
      return Demo.NONE;
    }
    JsonFields demo = in.nested("demo", object);
    demo.rejectUnknown(DEMO_FIELDS);
    String type = demo.text("type", 10).toLowerCase(Locale.ROOT);
    switch (type) {
      case "", "none":
        return Demo.NONE;
      case "app":
        String appId = demo.text("appId", 100);
        if (appId.isEmpty()) {
          demo.error("appId", "is required for an app demo");
        }
        return new Demo(DemoType.APP, appId, null);
      case "video":
        String mediaId = demo.text("mediaId", 100);
        if (mediaId.isEmpty()) {
          demo.error("mediaId", "is required for a video demo");
        }
        return new Demo(DemoType.VIDEO, null, mediaId);
      default:
        demo.error("type", "must be none, app or video");
        return Demo.NONE;
    }
  }

  private static Visibility visibility(JsonFields in) {
    String value = in.text("visibility", 10).toLowerCase(Locale.ROOT);
    switch (value) {
      case "", "public":
        return Visibility.PUBLIC;
      case "private":
        return Visibility.PRIVATE;
      default:
        in.error("visibility", "must be public or private");
        return Visibility.PRIVATE;
    }
  }

  private static List<String> sharedWith(JsonFields in) {
    JsonArray array = in.array("sharedWith");
    Set<String> ids = new LinkedHashSet<>();
    for (int i = 0; i < array.size(); i++) {
      if (array.get(i) instanceof JsonString id && !id.getString().isBlank()) {
        ids.add(id.getString().strip());
      } else {
        in.error("sharedWith/" + i, "must be a user id");
      }
    }
    if (ids.size() > SHARED_MAX) {
      in.error("sharedWith", "can hold at most " + SHARED_MAX + " users");
    }
    return List.copyOf(ids);
  }

  /** The JSON form with every writable member present, the base a merge patch applies to. */
  public static JsonObject toJson(CardContent card) {
    JsonObjectBuilder json =
        JSON.createObjectBuilder()
            .add("title", card.title())
            .add("task", card.task())
            .add("tags", strings(card.tags()))
            .add("frameworks", strings(card.frameworks()))
            .add("description", card.description())
            .add("explanation", card.explanation())
            .add("usage", card.usage())
            .add("limitations", card.limitations())
            .add("ownerDisplayName", card.ownerDisplayName())
            .add("pointOfContact", card.pointOfContact())
            .add("body", card.body())
            .add("performance", card.performance());
    JsonArrayBuilder artifacts = JSON.createArrayBuilder();
    for (Artifact a : card.artifacts()) {
      JsonObjectBuilder artifact =
          JSON.createObjectBuilder()
              .add("type", a.type())
              .add("name", a.name())
              .add("url", a.url());
      if (a.framework() != null) {
        artifact.add("framework", a.framework());
      }
      if (a.timestamp() != null) {
        artifact.add("timestamp", a.timestamp().toString());
      }
      artifacts.add(artifact);
    }
    json.add("artifacts", artifacts)
        .add("experiment", reference(card.experiment()))
        .add("dataset", reference(card.dataset()));
    JsonObjectBuilder demo =
        JSON.createObjectBuilder().add("type", card.demo().type().name().toLowerCase(Locale.ROOT));
    if (card.demo().appId() != null) {
      demo.add("appId", card.demo().appId());
    }
    if (card.demo().mediaId() != null) {
      demo.add("mediaId", card.demo().mediaId());
    }
    return json.add("demo", demo)
        .add("visibility", card.visibility().name().toLowerCase(Locale.ROOT))
        .add("sharedWith", strings(card.sharedWith()))
        .build();
  }

  private static JsonValue reference(ExternalRef ref) {
    if (ref == null) {
      return JsonValue.NULL;
    }
    return JSON.createObjectBuilder()
        .add("connectorId", ref.connectorId())
        .add("externalId", ref.externalId())
        .build();
  }

  static JsonArray strings(List<String> values) {
    JsonArrayBuilder array = JSON.createArrayBuilder();
    values.forEach(array::add);
    return array.build();
  }

  /** The names of the writable members whose values differ, for a revision's change list. */
  static List<String> changedFields(CardContent before, CardContent after) {
    JsonObject a = toJson(before);
    JsonObject b = toJson(after);
    List<String> changed = new ArrayList<>();
    for (String field : a.keySet()) {
      if (!a.get(field).equals(b.get(field))) {
        changed.add(field);
      }
    }
    return changed;
  }
}
