package org.aiappstore.app.problem;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A body JSON-B cannot bind is the client's mistake: 400, without the parser's internals. */
@Provider
public class JsonbExceptionMapper implements ExceptionMapper<JsonbException> {

  @Override
  public Response toResponse(JsonbException exception) {
    return ProblemExceptionMapper.wrapped(exception)
        .orElseGet(() -> MalformedJson.response(exception));
  }
}
