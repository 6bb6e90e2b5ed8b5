package org.aiappstore.app.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;

/** Turns a {@link ProblemException} into its problem response, headers included. */
@Provider
public class ProblemExceptionMapper implements ExceptionMapper<ProblemException> {

  /**
   * The problem a provider wrapped on its way out, if any: a JSON parser reading a capped body
   * ({@link JsonBodyLimitFilter}) wraps the failed read in its own exception.
   */
  static Optional<Response> wrapped(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ProblemException problem) {
        return Optional.of(new ProblemExceptionMapper().toResponse(problem));
      }
    }
    return Optional.empty();
  }

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
