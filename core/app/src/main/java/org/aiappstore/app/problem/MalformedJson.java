package org.aiappstore.app.problem;

import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.core.Response;

/**
 * Recognises a request body that could not be parsed, however the JSON provider wrapped the error.
 */
final class MalformedJson {

  private MalformedJson() {}

  static boolean isCause(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof JsonbException || t instanceof JsonParsingException) {
        return true;
      }
    }
    return false;
  }

  static Response response() {
    return Problems.status(400)
        .code("MALFORMED_JSON")
        .title("Malformed JSON")
        .detail("The request body is not valid JSON for this operation.")
        .response();
  }
}
