package org.aiappstore.app.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/**
 * History-mode routing for the SPA: a GET for a page path such as {@code /models/alice/resnet} is
 * served {@code index.html}, so deep links work. API, operations and static asset paths are left
 * alone, so a missing asset is still a 404, and so is the app proxy under {@code /apps/} (the web
 * app has no page there).
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SpaFallbackFilter extends HttpFilter {

  private static final List<String> SERVER_PREFIXES =
      List.of("/api/", "/apps/", "/health", "/metrics", "/openapi", "/ibm/");

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (isSpaRoute(request)) {
      response.setHeader("Cache-Control", "no-cache");
      request.getRequestDispatcher("/index.html").forward(request, response);
      return;
    }
    chain.doFilter(request, response);
  }

  static boolean isSpaRoute(String method, String path) {
    if (!"GET".equals(method) && !"HEAD".equals(method)) {
      return false;
    }
    if (path.equals("/api")
        || path.equals("/apps")
        || SERVER_PREFIXES.stream().anyMatch(path::startsWith)) {
      return false;
    }
    String lastSegment = path.substring(path.lastIndexOf('/') + 1);
    // A file name (app.js, logo.png) is an asset; "/" itself is served as the welcome file.
    return !path.equals("/") && !lastSegment.contains(".");
  }

  private static boolean isSpaRoute(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return isSpaRoute(request.getMethod(), path);
  }
}
