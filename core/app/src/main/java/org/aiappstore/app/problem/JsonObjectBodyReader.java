package org.aiappstore.app.problem;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON object a resource method takes as its body. The JSON-P provider of the runtime
 * reads any JSON value, so an array or a string sent where an object belongs reached the method as
 * the wrong type and failed with a 500; here it is a 400 naming the whole document ({@code ""}).
 * Syntax errors, and bodies that cannot be read at all, surface as the parser's exception, which
 * {@link MalformedJson} maps to 400; a body nested deeper than 64 levels is a 400 saying so.
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, "application/*+json"})
public class JsonObjectBodyReader implements MessageBodyReader<JsonObject> {

  private static final JsonProvider JSON = JsonProvider.provider();

  /**
   * No request body comes near: card content is flat, its documents HTML strings. Deeper bodies
   * would reach the JSON-P parser's own guard (1000 levels), a bare runtime error and so a 500.
   */
  private static final JsonLimits SHAPE = JsonLimits.depth(64);

  @Override
  public boolean isReadable(
      Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
    return type == JsonObject.class;
  }

  @Override
  public JsonObject readFrom(
      Class<JsonObject> type,
      Type genericType,
      Annotation[] annotations,
      MediaType mediaType,
      MultivaluedMap<String, String> httpHeaders,
      InputStream entityStream) {
    JsonValue value;
    try {
      // Read whole (the body is capped by JsonBodyLimitFilter) and streamed through the limits
      // before it is built.
      String body = new String(entityStream.readAllBytes(), charset(mediaType));
      SHAPE.check(new StringReader(body));
      try (JsonReader reader = JSON.createReader(new StringReader(body))) {
        value = reader.readValue();
      }
    } catch (JsonLimits.Exceeded e) {
      throw new ProblemException(400, "MALFORMED_JSON", "The request body " + e.getMessage() + ".");
    } catch (JsonParsingException e) {
      throw e;
    } catch (JsonException e) {
      // Not a syntax error but unreadable all the same (an empty body, bytes that do not decode):
      // answered like one, not as a server error.
      throw new JsonParsingException(e.getMessage(), e, null);
    } catch (IOException e) {
      throw new JsonParsingException("The request body could not be read.", e, null);
    }
    if (value.getValueType() != JsonValue.ValueType.OBJECT) {
      String detail = "The request body must be a JSON object, not " + describe(value) + ".";
      throw new ProblemException(
          400, "BODY_NOT_OBJECT", detail, List.of(new Problem.FieldError("", detail)), Map.of());
    }
    return value.asJsonObject();
  }

  /**
   * The charset the client named, else UTF-8, the encoding JSON between systems must use (RFC
   * 8259); the parser's own detection needs at least two bytes and failed on a body such as {@code
   * 5}.
   */
  private static Charset charset(MediaType mediaType) {
    String name =
        mediaType == null ? null : mediaType.getParameters().get(MediaType.CHARSET_PARAMETER);
    try {
      return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
    } catch (IllegalArgumentException e) {
      return StandardCharsets.UTF_8;
    }
  }

  private static String describe(JsonValue value) {
    return switch (value.getValueType()) {
      case ARRAY -> "an array";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case TRUE, FALSE -> "a boolean";
      case NULL -> "null";
      case OBJECT -> "an object";
    };
  }
}
