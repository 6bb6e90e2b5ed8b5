package org.aiappstore.app.problem;

import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises a request body that could not be parsed, however the JSON provider wrapped the error.
 */
final class MalformedJson {

  private static final Pattern PROPERTY =
      Pattern.compile("Unable to deserialize property '([^']+)' because of");

  private MalformedJson() {}

  static boolean isCause(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof JsonbException || t instanceof JsonParsingException) {
        return true;
      }
    }
    return false;
  }

  /**
   * 400 MALFORMED_JSON; when JSON-B could not bind a member of the right syntax but the wrong type
   * (a string where a list belongs), the member is named by its pointer.
   */
  static Response response(Throwable error) {
    Problems.Builder problem =
        Problems.status(400)
            .code("MALFORMED_JSON")
            .title("Malformed JSON")
            .detail("The request body is not valid JSON for this operation.");
    String pointer = boundMember(error);
    if (pointer != null) {
      problem.errors(List.of(new Problem.FieldError(pointer, "has the wrong type")));
    }
    return problem.response();
  }

  /**
   * The pointer of the member JSON-B failed on, from the messages of Yasson (the JSON-B of Open
   * Liberty) which name each enclosing property in turn; {@code null} when they name none.
   */
  static String boundMember(Throwable error) {
    StringBuilder pointer = new StringBuilder();
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof JsonbException && t.getMessage() != null) {
        Matcher property = PROPERTY.matcher(t.getMessage());
        while (property.find()) {
          pointer.append('/').append(JsonPointer.escape(property.group(1)));
        }
        if (pointer.length() > 0) {
          return pointer.toString();
        }
      }
    }
    return null;
  }
}
