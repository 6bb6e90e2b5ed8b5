package org.aiappstore.app.identity.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.aiappstore.app.identity.apitoken.PersonalTokenStore;
import org.aiappstore.app.identity.token.InvalidTokenException;

/**
 * The application's only authentication mechanism: {@code Authorization: Bearer} with our access
 * tokens, personal API tokens or external OIDC access tokens. No header: the request goes on
 * anonymously (public endpoints work, protected ones answer 401). A bad credential is refused here
 * with a 401 problem, even on a public endpoint, so a client learns at once that its token is
 * stale.
 *
 * <p>A valid credential does not log the caller in to the container on every request (see {@link
 * #validateRequest}); the caller is a request attribute, and {@link RoleCheckFilter} decides.
 */
@ApplicationScoped
public class BearerTokenMechanism implements HttpAuthenticationMechanism {

  private static final String BEARER = "Bearer ";
  private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");

  @Inject CallerAuthenticator authenticator;

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context)
      throws AuthenticationException {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return context.doNothing();
    }
    Caller caller = Caller.of(request).orElse(null);
    if (caller == null) {
      // A request asked again (a forward, HttpServletRequest#authenticate) was checked already.
      String token = header.substring(BEARER.length()).trim();
      try {
        caller = authenticator.authenticate(token);
      } catch (InvalidTokenException e) {
        return refuse(response, e);
      }
      if (PersonalTokenStore.READ.equals(caller.scope())
          && !READ_METHODS.contains(request.getMethod())) {
        writeProblem(
            response,
            403,
            "INSUFFICIENT_SCOPE",
            "This API token has the read scope: it can only read (GET).",
            "Bearer error=\"insufficient_scope\"");
        return AuthenticationStatus.SEND_FAILURE;
      }
      request.setAttribute(Caller.ATTRIBUTE, caller);
    }
    if (context.isAuthenticationRequest()) {
      return context.notifyContainerAboutLogin(caller.userId(), caller.roles());
    }
    // No container login for an ordinary request: Liberty's login signs an LTPA single-sign-on
    // token every time (an RSA signature, most of an authenticated request's cost), which this
    // application never uses. RoleCheckFilter enforces access from the Caller and hands JAX-RS a
    // SecurityContext built from it; the container hears of the caller only when something calls
    // HttpServletRequest#authenticate.
    return context.doNothing();
  }

  private static AuthenticationStatus refuse(HttpServletResponse response, InvalidTokenException e)
      throws AuthenticationException {
    writeProblem(response, 401, e.code(), e.getMessage(), "Bearer error=\"invalid_token\"");
    return AuthenticationStatus.SEND_FAILURE;
  }

  private static void writeProblem(
      HttpServletResponse response, int status, String code, String detail, String challenge)
      throws AuthenticationException {
    try {
      ProblemWriter.write(response, status, code, detail, Map.of("WWW-Authenticate", challenge));
    } catch (IOException e) {
      throw new AuthenticationException(e);
    }
  }
}
