package org.aiappstore.app.identity.security;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.aiappstore.app.problem.Problem;
import org.aiappstore.app.problem.Problems;

/**
 * Writes a problem response outside JAX-RS (the authentication mechanism runs before it), and
 * commits it so that the container cannot replace it with an error page.
 */
public final class ProblemWriter {

  private static final Jsonb JSONB = JsonbBuilder.create();

  private ProblemWriter() {}

  public static void write(
      HttpServletResponse response,
      int status,
      String code,
      String detail,
      Map<String, String> headers)
      throws IOException {
    Problem problem = Problems.status(status).code(code).detail(detail).problem();
    response.setStatus(status);
    response.setContentType(Problems.PROBLEM_JSON.toString());
    response.setCharacterEncoding("UTF-8");
    headers.forEach(response::setHeader);
    byte[] body = JSONB.toJson(problem).getBytes(StandardCharsets.UTF_8);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
    response.flushBuffer();
  }
}
