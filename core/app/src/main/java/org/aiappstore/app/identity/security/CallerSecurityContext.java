package org.aiappstore.app.identity.security;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/** The {@link Caller} as JAX-RS sees it: their user id as the principal, their roles. */
final class CallerSecurityContext implements SecurityContext {

  private final Caller caller;
  private final Principal principal;
  private final boolean secure;

  CallerSecurityContext(Caller caller, SecurityContext original) {
    this.caller = caller;
    this.principal = caller::userId;
    this.secure = original != null && original.isSecure();
  }

  @Override
  public Principal getUserPrincipal() {
    return principal;
  }

  @Override
  public boolean isUserInRole(String role) {
    return caller.roles().contains(role);
  }

  @Override
  public boolean isSecure() {
    return secure;
  }

  @Override
  public String getAuthenticationScheme() {
    return "Bearer";
  }
}
