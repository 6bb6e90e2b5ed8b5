package org.aiappstore.app.model;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import org.aiappstore.app.problem.Problem;
import org.bson.Document;

/**
 * Card content in the database is its API JSON form stored as a sub-document, so cards and
 * revisions share one mapping and a restore reads back exactly what was written.
 */
final class ContentDocuments {

  /** Looked up once: {@code Json.*} searches the class path for a provider on every call. */
  private static final JsonProvider JSON = JsonProvider.provider();

  private static final Logger LOG = Logger.getLogger(ContentDocuments.class.getName());

  private ContentDocuments() {}

  /** The JSON-P form of a value as {@link Document#parse} stores JSON. */
  private static JsonValue toJson(Object value) {
    if (value == null) {
      return JsonValue.NULL;
    }
    if (value instanceof String text) {
      return JSON.createValue(text);
    }
    if (value instanceof Boolean flag) {
      return flag ? JsonValue.TRUE : JsonValue.FALSE;
    }
    if (value instanceof Integer number) {
      return JSON.createValue(number);
    }
    if (value instanceof Long number) {
      return JSON.createValue(number);
    }
    if (value instanceof Double number) {
      return JSON.createValue(number);
    }
    if (value instanceof Document document) {
      JsonObjectBuilder object = JSON.createObjectBuilder();
      document.forEach((name, member) -> object.add(name, toJson(member)));
      return object.build();
    }
    if (value instanceof List<?> list) {
      JsonArrayBuilder array = JSON.createArrayBuilder();
      list.forEach(item -> array.add(toJson(item)));
      return array.build();
    }
    // Anything else (not written by toDocument): its JSON text, parsed.
    try (JsonReader reader =
        JSON.createReader(new StringReader(new Document("v", value).toJson()))) {
      return reader.readObject().get("v");
    }
  }

  static Document toDocument(CardContent content) {
    return Document.parse(CardJson.toJson(content).toString());
  }

  /** The JSON-P form of a stored content document, as {@link CardJson#parse} reads it. */
  static JsonObject toJsonObject(Document document) {
    // Converted value by value: writing the document out as JSON text and parsing it again cost
    // more than anything else in reading a card (the documents are long strings).
    return (JsonObject) toJson(document);
  }

  static CardContent fromDocument(Document document) {
    JsonObject json = toJsonObject(document);
    List<Problem.FieldError> errors = new ArrayList<>();
    CardContent content = CardJson.parse(json, Set.of(), errors);
    if (!errors.isEmpty()) {
      // Stored content was valid when written; limits may have tightened since. Read it anyway.
      LOG.fine(() -> "Stored card content no longer passes validation: " + errors);
    }
    return content;
  }
}
