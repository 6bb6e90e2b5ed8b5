package org.aiappstore.app.identity.session;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.aiappstore.app.audit.Auditor;
import org.aiappstore.app.config.AppSettings;
import org.aiappstore.app.config.ConfigKey;
import org.aiappstore.app.identity.oidc.OidcSettings;
import org.aiappstore.app.identity.security.Caller;
import org.aiappstore.app.identity.token.Base64Url;
import org.aiappstore.app.identity.user.UserAdministration;
import org.aiappstore.app.identity.user.UserView;
import org.aiappstore.app.problem.Problem;
import org.aiappstore.app.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Sign-in, session refresh and sign-out, the caller's own account, and the sign-in options. */
@Path("v1/auth")
@RequestScoped
@Tag(name = "Identity")
public class AuthResource {

  /** Username and password. */
  public record LoginRequest(String username, String password) {}

  /** The current password (proof of presence) and the new one. */
  public record PasswordChangeRequest(String currentPassword, String newPassword) {}

  @Inject SessionService sessions;
  @Inject UserAdministration administration;
  @Inject RefreshTokenStore refreshTokens;
  @Inject AppSettings settings;
  @Inject Auditor auditor;
  @Context HttpServletRequest request;

  @GET
  @Path("config")
  @PermitAll
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Which sign-in methods the web app should offer")
  public JsonObject config() {
    // Built with JSON-P so that "oidc": null is always present (JSON-B drops null properties).
    OidcSettings oidc = OidcSettings.from(settings);
    JsonObjectBuilder config = Json.createObjectBuilder().add("builtInLogin", builtInLogin());
    if (oidc.enabled()) {
      config.add(
          "oidc",
          Json.createObjectBuilder()
              .add("issuer", oidc.issuer())
              .add("clientId", oidc.clientId())
              .add("authorizationEndpoint", oidc.authorizationEndpoint())
              .add("tokenEndpoint", oidc.tokenEndpoint())
              .add("scope", oidc.scope()));
    } else {
      config.addNull("oidc");
    }
    return config.build();
  }

  @POST
  @Path("login")
  @PermitAll
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Sign in with username and password; sets the refresh and CSRF cookies")
  public Response login(LoginRequest body) {
    requireBuiltInLogin();
    List<Problem.FieldError> errors = new ArrayList<>();
    if (body == null || body.username() == null || body.username().isBlank()) {
      errors.add(new Problem.FieldError("/username", "A username is required."));
    }
    if (body == null || body.password() == null || body.password().isEmpty()) {
      errors.add(new Problem.FieldError("/password", "A password is required."));
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(
          422, "VALIDATION_FAILED", "Give a username and a password.", errors, Map.of());
    }
    String address = ClientAddress.of(request, settings.flag(ConfigKey.TRUST_FORWARDED_FOR));
    String username = body.username().trim();
    SignedIn signedIn;
    try {
      signedIn = sessions.login(username, body.password(), address);
    } catch (ProblemException e) {
      // The name as typed, never the password; 429 is a refusal by throttling, audited as well.
      auditor.record(null, username, "auth.login", "user=" + username, Auditor.FAILURE, e.status());
      throw e;
    }
    auditor.record(
        signedIn.body().user().id(),
        signedIn.body().user().username(),
        "auth.login",
        "user=" + username,
        Auditor.SUCCESS,
        200);
    return signedIn(signedIn);
  }

  @POST
  @Path("refresh")
  @PermitAll
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Exchange the refresh cookie for a new access token (rotates the cookie)")
  public Response refresh(@HeaderParam(AuthCookies.CSRF_HEADER) String csrfHeader) {
    AuthCookies cookies = cookies();
    cookies.checkCsrf(request.getCookies(), csrfHeader);
    return signedIn(sessions.refresh(cookies.refreshToken(request.getCookies())));
  }

  @POST
  @Path("logout")
  @PermitAll
  @Operation(summary = "End this session: revokes its refresh tokens and clears the cookies")
  public Response logout(@HeaderParam(AuthCookies.CSRF_HEADER) String csrfHeader) {
    AuthCookies cookies = cookies();
    cookies.checkCsrf(request.getCookies(), csrfHeader);
    sessions.logout(cookies.refreshToken(request.getCookies()));
    return Response.noContent()
        .header("Set-Cookie", cookies.clearRefresh())
        .header("Set-Cookie", cookies.clearCsrf())
        .build();
  }

  @GET
  @Path("me")
  @RolesAllowed({"user", "admin"})
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "The signed-in user")
  public UserView me() {
    return UserView.of(administration.get(Caller.required(request).userId()));
  }

  @POST
  @Path("password")
  @RolesAllowed({"user", "admin"})
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Change your password: ends your other sessions, revokes your API tokens and returns a"
              + " new session for this client")
  public Response changePassword(PasswordChangeRequest body) {
    requireBuiltInLogin();
    Caller caller = Caller.required(request).requireSession("change the password");
    if (body == null) {
      throw new ProblemException(422, "VALIDATION_FAILED", "Give currentPassword and newPassword.");
    }
    return signedIn(
        sessions.changePassword(caller.userId(), body.currentPassword(), body.newPassword()));
  }

  private Response signedIn(SignedIn signedIn) {
    AuthCookies cookies = cookies();
    Duration lifetime = refreshTokens.lifetime();
    return Response.ok(signedIn.body())
        .header("Cache-Control", "no-store")
        .header("Set-Cookie", cookies.refresh(signedIn.refreshToken(), lifetime))
        .header("Set-Cookie", cookies.csrf(Base64Url.randomSecret(32), lifetime))
        .build();
  }

  private boolean builtInLogin() {
    return settings.flag(ConfigKey.BUILTIN_LOGIN_ENABLED);
  }

  private void requireBuiltInLogin() {
    if (!builtInLogin()) {
      throw new ProblemException(
          403, "BUILT_IN_LOGIN_DISABLED", "Sign in with the external identity provider.");
    }
  }

  private AuthCookies cookies() {
    return AuthCookies.of(settings.flag(ConfigKey.COOKIE_SECURE));
  }
}
