package org.aiappstore.app.problem;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/**
 * Refuses a query string that cannot be decoded ({@code %} not followed by two hexadecimal digits)
 * with 400 problem+json before any resource runs. RESTEasy only finds out when the parameters are
 * first read, and then throws {@code IllegalArgumentException}: a 500 where a resource reads them
 * itself (search), a bare "Bad request." where they are injected.
 */
@Provider
@PreMatching
public class MalformedQueryFilter implements ContainerRequestFilter {

  @Override
  public void filter(ContainerRequestContext context) {
    try {
      // Parsed once here; the UriInfo keeps the result for the resource.
      context.getUriInfo().getQueryParameters();
    } catch (IllegalArgumentException e) {
      context.abortWith(
          Problems.status(400)
              .code("MALFORMED_QUERY")
              .detail(
                  "The query string cannot be decoded: every % must be followed by two"
                      + " hexadecimal digits (write a literal % as %25).")
              .response());
    }
  }
}
