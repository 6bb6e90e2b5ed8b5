package org.aiappstore.app.model;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
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

  private static final Logger LOG = Logger.getLogger(ContentDocuments.class.getName());

  private ContentDocuments() {}

  static Document toDocument(CardContent content) {
    return Document.parse(CardJson.toJson(content).toString());
  }

  static CardContent fromDocument(Document document) {
    JsonObject json;
    try (JsonReader reader = Json.createReader(new StringReader(document.toJson()))) {
      json = reader.readObject();
    }
    List<Problem.FieldError> errors = new ArrayList<>();
    CardContent content = CardJson.parse(json, Set.of(), errors);
    if (!errors.isEmpty()) {
      // Stored content was valid when written; limits may have tightened since. Read it anyway.
      LOG.fine(() -> "Stored card content no longer passes validation: " + errors);
    }
    return content;
  }
}
