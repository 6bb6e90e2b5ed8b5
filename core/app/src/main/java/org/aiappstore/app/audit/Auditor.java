package org.aiappstore.app.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import org.aiappstore.app.config.AppSettings;
import org.aiappstore.app.config.ConfigKey;
import org.aiappstore.app.identity.security.Caller;
import org.aiappstore.app.identity.session.ClientAddress;

/**
 * Writes audit records for the current request: the actor is the authenticated caller (or the name
 * given, for a sign-in), the address the one login throttling uses. Outside a request (a background
 * job) the actor is "system".
 */
@ApplicationScoped
public class Auditor {

  public static final String SUCCESS = "success";
  public static final String FAILURE = "failure";
  public static final String DENIED = "denied";

  @Inject AuditLog log;
  @Inject AppSettings settings;
  @Inject HttpServletRequest request;

  /** An action by the caller of the current request, if any. */
  public void record(String action, String target, String outcome, Integer status) {
    Caller caller = caller();
    record(
        caller == null ? null : caller.userId(),
        caller == null ? (inRequest() ? "anonymous" : "system") : caller.username(),
        action,
        target,
        outcome,
        status);
  }

  /** An action by a named actor (a sign-in, where nobody is authenticated yet). */
  public void record(
      String actorId, String actor, String action, String target, String outcome, Integer status) {
    log.record(actorId, actor, action, target, outcome, status, address());
  }

  private Caller caller() {
    try {
      return Caller.of(request).orElse(null);
    } catch (RuntimeException e) {
      return null; // no request: a background job
    }
  }

  private boolean inRequest() {
    try {
      request.getMethod();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private String address() {
    try {
      return ClientAddress.of(request, settings.flag(ConfigKey.TRUST_FORWARDED_FOR));
    } catch (RuntimeException e) {
      return null;
    }
  }
}
