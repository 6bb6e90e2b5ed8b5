package org.aiappstore.app.problem;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Builds problem responses and logs them: client errors quietly, server errors loudly with their
 * id.
 */
public final class Problems {

  public static final MediaType PROBLEM_JSON = new MediaType("application", "problem+json");

  private static final Logger LOG = Logger.getLogger(Problems.class.getName());
  private static final int UNPROCESSABLE_CONTENT = 422;

  private Problems() {}

  /** Starts a problem for an HTTP status; the title is the status' reason phrase. */
  public static Builder status(int status) {
    return new Builder(status);
  }

  /** Fluent builder so each mapper states only what differs. */
  public static final class Builder {
    private final int status;
    private String code;
    private String title;
    private String detail;
    private Boolean retryable;
    private List<Problem.FieldError> errors;
    private Throwable cause;

    private Builder(int status) {
      this.status = status;
      Response.Status known = Response.Status.fromStatusCode(status);
      if (known != null) {
        this.title = known.getReasonPhrase();
        this.code = known.name();
      } else if (status == UNPROCESSABLE_CONTENT) {
        // Jakarta REST's Status has no 422, the status of every validation failure here.
        this.title = "Unprocessable Content";
        this.code = "UNPROCESSABLE_CONTENT";
      } else {
        this.title = "Error";
        this.code = "ERROR";
      }
    }

    public Builder code(String code) {
      this.code = code;
      return this;
    }

    public Builder title(String title) {
      this.title = title;
      return this;
    }

    public Builder detail(String detail) {
      this.detail = detail;
      return this;
    }

    public Builder retryable(boolean retryable) {
      this.retryable = retryable;
      return this;
    }

    public Builder errors(List<Problem.FieldError> errors) {
      this.errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
      return this;
    }

    /** The exception to log with a server error; never sent to the client. */
    public Builder cause(Throwable cause) {
      this.cause = cause;
      return this;
    }

    public Problem problem() {
      String instance = "urn:uuid:" + UUID.randomUUID();
      String type = "urn:aiappstore:problem:" + code.toLowerCase(Locale.ROOT).replace('_', '-');
      return new Problem(type, title, status, detail, instance, code, retryable, errors);
    }

    public Response response() {
      Problem problem = problem();
      if (status >= 500) {
        LOG.log(Level.SEVERE, "Problem " + problem.instance() + ": " + detail, cause);
      } else if (LOG.isLoggable(Level.FINE)) {
        LOG.log(Level.FINE, "Problem " + problem.instance() + " " + status + ": " + detail);
      }
      return Response.status(status).type(PROBLEM_JSON).entity(problem).build();
    }
  }
}
