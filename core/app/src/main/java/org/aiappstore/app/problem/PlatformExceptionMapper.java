package org.aiappstore.app.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import org.aiappstore.plugin.api.error.ErrorCode;
import org.aiappstore.plugin.api.error.ErrorType;
import org.aiappstore.plugin.api.error.InvalidConfigException;
import org.aiappstore.plugin.api.error.PlatformException;

/** Platform and plugin errors carry their own status and code; invalid config names each field. */
@Provider
public class PlatformExceptionMapper implements ExceptionMapper<PlatformException> {

  @Override
  public Response toResponse(PlatformException exception) {
    ErrorCode code = exception.errorCode();
    Problems.Builder problem =
        Problems.status(code.httpStatus())
            .code(code.id())
            .detail(exception.getMessage())
            .cause(exception);
    if (code.type() == ErrorType.EXTERNAL || code.type() == ErrorType.INSUFFICIENT_RESOURCES) {
      problem.retryable(exception.retryable());
    }
    if (exception instanceof InvalidConfigException invalid) {
      List<Problem.FieldError> errors =
          invalid.violations().stream()
              .map(
                  v ->
                      new Problem.FieldError(
                          "/config/" + JsonPointer.escape(v.property()), v.message()))
              .toList();
      problem.errors(errors);
    }
    return problem.response();
  }
}
