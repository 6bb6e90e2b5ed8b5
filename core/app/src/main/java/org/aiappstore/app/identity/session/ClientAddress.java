package org.aiappstore.app.identity.session;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The client's address for login throttling. {@code X-Forwarded-For} is only believed when the
 * operator says a proxy sets it ({@code aiappstore.auth.trust-forwarded-for}); otherwise anyone
 * could dodge the per-address limit by sending a new header with each guess.
 */
public final class ClientAddress {

  private ClientAddress() {}

  public static String of(HttpServletRequest request, boolean trustForwardedFor) {
    if (trustForwardedFor) {
      String forwarded = request.getHeader("X-Forwarded-For");
      if (forwarded != null && !forwarded.isBlank()) {
        return forwarded.split(",")[0].trim();
      }
    }
    return request.getRemoteAddr();
  }
}
