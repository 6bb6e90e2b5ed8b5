package org.aiappstore.app.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;

/** Anything else is our fault: 500 with an id to quote, never a stack trace or a class name. */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

  @Override
  public Response toResponse(Throwable exception) {
    Optional<Response> problem = ProblemExceptionMapper.wrapped(exception);
    if (problem.isPresent()) {
      return problem.get();
    }
    if (MalformedJson.isCause(exception)) {
      return MalformedJson.response(exception);
    }
    return Problems.status(500)
        .code("INTERNAL")
        .detail("An unexpected error occurred. Quote the instance id when you report it.")
        .cause(exception)
        .response();
  }
}
