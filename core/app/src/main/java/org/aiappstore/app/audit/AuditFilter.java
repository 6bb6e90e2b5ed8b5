package org.aiappstore.app.audit;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Audits every state-changing call of the admin API (users, connectors, tasks, exports, imports,
 * jobs, plugins) and of personal tokens and passwords, including refused ones. The action is the
 * method and path template ({@code DELETE v1/admin/users/{id}}), the target the path parameters;
 * bodies are never read, so no password, token or connector secret can reach the log.
 */
@Provider
public class AuditFilter implements ContainerResponseFilter {

  private static final Set<String> CHANGES =
      Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);
  private static final List<String> AUDITED =
      List.of("v1/admin/", "v1/auth/tokens", "v1/auth/password", "v1/plugins");

  @Context ResourceInfo resource;

  // Looked up, not injected: a plain @Provider is not a CDI bean in this (annotated) archive.
  private volatile Auditor auditor;

  private Auditor auditor() {
    if (auditor == null) {
      auditor = CDI.current().select(Auditor.class).get();
    }
    return auditor;
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (!CHANGES.contains(request.getMethod())) {
      return;
    }
    String template = template();
    if (template == null || AUDITED.stream().noneMatch(template::startsWith)) {
      return;
    }
    int status = response.getStatus();
    String outcome =
        status < 400
            ? Auditor.SUCCESS
            : status == 401 || status == 403 ? Auditor.DENIED : Auditor.FAILURE;
    auditor()
        .record(
            request.getMethod() + " " + template,
            target(request.getUriInfo().getPathParameters()),
            outcome,
            status);
  }

  /** The matched resource's path template, e.g. {@code v1/admin/users/{id}/password}. */
  private String template() {
    Method method = resource.getResourceMethod();
    Class<?> type = resource.getResourceClass();
    if (method == null || type == null) {
      return null;
    }
    Path base = type.getAnnotation(Path.class);
    Path sub = method.getAnnotation(Path.class);
    String path = base == null ? "" : trim(base.value());
    if (sub != null) {
      path = path + "/" + trim(sub.value());
    }
    return path;
  }

  private static String trim(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }

  private static String target(MultivaluedMap<String, String> parameters) {
    if (parameters.isEmpty()) {
      return null;
    }
    StringBuilder target = new StringBuilder();
    new TreeMap<>(parameters)
        .forEach(
            (name, values) -> {
              if (target.length() > 0) {
                target.append(',');
              }
              target.append(name).append('=').append(String.join("/", values));
            });
    return target.toString();
  }
}
