package org.aiappstore.app.identity.security;

import jakarta.annotation.Priority;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;
import java.util.logging.Logger;
import org.aiappstore.app.problem.Problems;

/**
 * Enforces {@code @RolesAllowed}, {@code @PermitAll} and {@code @DenyAll} on JAX-RS resources
 * (method before class) with problem+json answers: 401 for no credential, 403 for a missing role.
 * Roles come from the {@link Caller} our mechanism established, which this filter also hands to
 * JAX-RS as the request's {@code SecurityContext} (Liberty checks the same annotations after this
 * filter through it, without a container login). A resource without any of these annotations is
 * denied: access must be decided explicitly.
 */
@Provider
@Priority(Priorities.AUTHORIZATION - 100)
public class RoleCheckFilter implements ContainerRequestFilter {

  private static final Logger LOG = Logger.getLogger(RoleCheckFilter.class.getName());

  @Context ResourceInfo resource;
  @Context HttpServletRequest request;

  @Override
  public void filter(ContainerRequestContext context) {
    Optional<Caller> caller = Caller.of(request);
    caller.ifPresent(
        c ->
            context.setSecurityContext(new CallerSecurityContext(c, context.getSecurityContext())));
    Method method = resource.getResourceMethod();
    if (method == null) {
      return;
    }
    Optional<AnnotatedElement> decided = decidingElement(method, resource.getResourceClass());
    if (decided.isEmpty()) {
      LOG.severe(() -> "Denied: no access annotation on " + method);
      context.abortWith(forbidden());
      return;
    }
    AnnotatedElement element = decided.get();
    if (element.isAnnotationPresent(PermitAll.class)) {
      return;
    }
    if (element.isAnnotationPresent(DenyAll.class)) {
      context.abortWith(forbidden());
      return;
    }
    String[] allowed = element.getAnnotation(RolesAllowed.class).value();
    if (caller.isEmpty()) {
      context.abortWith(
          jakarta.ws.rs.core.Response.fromResponse(
                  Problems.status(401)
                      .code("UNAUTHORIZED")
                      .detail("Sign in to do this.")
                      .response())
              .header("WWW-Authenticate", "Bearer")
              .build());
      return;
    }
    if (Arrays.stream(allowed).noneMatch(caller.get().roles()::contains)) {
      context.abortWith(forbidden());
    }
  }

  /** The method if it says something about access, else its class. */
  static Optional<AnnotatedElement> decidingElement(Method method, Class<?> type) {
    if (hasAccessAnnotation(method)) {
      return Optional.of(method);
    }
    if (type != null && hasAccessAnnotation(type)) {
      return Optional.of(type);
    }
    return Optional.empty();
  }

  static boolean hasAccessAnnotation(AnnotatedElement element) {
    return element.isAnnotationPresent(PermitAll.class)
        || element.isAnnotationPresent(RolesAllowed.class)
        || element.isAnnotationPresent(DenyAll.class);
  }

  private static jakarta.ws.rs.core.Response forbidden() {
    return Problems.status(403)
        .code("FORBIDDEN")
        .detail("You are not allowed to do this.")
        .response();
  }
}
