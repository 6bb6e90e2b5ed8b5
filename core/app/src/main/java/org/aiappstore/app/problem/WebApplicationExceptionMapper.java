package org.aiappstore.app.problem;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;

/**
 * Routing and protocol errors raised by JAX-RS (404, 405, 406, 415, 400 ...) as problem details.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

  @Context UriInfo uriInfo;

  @Override
  public Response toResponse(WebApplicationException exception) {
    Optional<Response> wrapped = ProblemExceptionMapper.wrapped(exception.getCause());
    if (wrapped.isPresent()) {
      return wrapped.get();
    }
    if (MalformedJson.isCause(exception)) {
      return MalformedJson.response(exception);
    }
    Response original = exception.getResponse();
    int status = original.getStatus();
    Response problem =
        Problems.status(status).detail(detail(exception, status)).cause(exception).response();
    Response.ResponseBuilder builder = Response.fromResponse(problem);
    String allow = original.getHeaderString(HttpHeaders.ALLOW);
    if (allow != null) {
      builder.header(HttpHeaders.ALLOW, allow);
    }
    return builder.build();
  }

  private String detail(WebApplicationException exception, int status) {
    String path = uriInfo == null ? "" : "/" + uriInfo.getPath().replaceFirst("^/", "");
    if (exception instanceof NotFoundException) {
      return "There is nothing at /api" + path + ".";
    }
    if (exception instanceof NotAllowedException) {
      return "This method is not allowed here. Allowed: "
          + exception.getResponse().getHeaderString(HttpHeaders.ALLOW)
          + ".";
    }
    return switch (status) {
      case 415 -> "The request body's media type is not supported here; send application/json.";
      case 406 -> "None of the accepted media types can be produced.";
      case 401 -> "Sign in to do this.";
      case 403 -> "You are not allowed to do this.";
      default -> status >= 500 ? "The server could not handle the request." : "Bad request.";
    };
  }
}
