package org.aiappstore.app.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Turns a {@link ProblemException} into its problem response, headers included. */
@Provider
public class ProblemExceptionMapper implements ExceptionMapper<ProblemException> {

  @Override
  public Response toResponse(ProblemException exception) {
    Response problem =
        Problems.status(exception.status())
            .code(exception.code())
            .detail(exception.getMessage())
            .errors(exception.errors())
            .cause(exception)
            .response();
    Response.ResponseBuilder builder = Response.fromResponse(problem);
    exception.headers().forEach(builder::header);
    return builder.build();
  }
}
