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
    Caller known = Caller.of(request).orElse(null);
    if (known != null) {
      // Asked again in the same request (HttpServletRequest#authenticate): the token was checked.
      return context.notifyContainerAboutLogin(known.userId(), known.roles());
    }
    String token = header.substring(BEARER.length()).trim();
    try {
      Caller caller = authenticator.authenticate(token);
      if (PersonalTokenStore.READ.equals(caller.scope())
          && !READ_METHODS.contains(request.getMethod())) {
        ProblemWriter.write(
            response,
            403,
            "INSUFFICIENT_SCOPE",
            "This API token has the read scope: it can only read (GET).",
            Map.of("WWW-Authenticate", "Bearer error=\"insufficient_scope\""));
        return AuthenticationStatus.SEND_FAILURE;
      }
      request.setAttribute(Caller.ATTRIBUTE, caller);
      if (context.isAuthenticationRequest()) {
        return context.notifyContainerAboutLogin(caller.userId(), caller.roles());
      }
      // No container login for an ordinary request: Liberty's login signs an LTPA single-sign-on
      // token every time (an RSA signature, most of an authenticated request's cost), which this
      // application never uses. RoleCheckFilter enforces access from the Caller and hands JAX-RS
      // a SecurityContext built from it; the container is asked only if something calls
      // HttpServletRequest#authenticate, which lands in the branch above.
      return context.doNothing();
    } catch (InvalidTokenException e) {
      return refuse(response, e.getMessage());
    } catch (IOException e) {
      throw new AuthenticationException(e);
    }
  }

  private static AuthenticationStatus refuse(HttpServletResponse response, String detail)
      throws AuthenticationException {
    try {
      ProblemWriter.write(
          response,
          401,
          "INVALID_TOKEN",
          detail,
          Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\""));
    } catch (IOException e) {
      throw new AuthenticationException(e);
    }
    return AuthenticationStatus.SEND_FAILURE;
  }
}
