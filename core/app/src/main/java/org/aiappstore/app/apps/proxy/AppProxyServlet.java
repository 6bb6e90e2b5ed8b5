package org.aiappstore.app.apps.proxy;

import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.aiappstore.app.apps.App;
import org.aiappstore.app.apps.AppBackends;
import org.aiappstore.app.apps.AppService;
import org.aiappstore.app.apps.AppState;
import org.aiappstore.app.config.AppSettings;
import org.aiappstore.app.config.ConfigKey;
import org.aiappstore.app.http.AnswerWait;
import org.aiappstore.app.identity.security.Caller;
import org.aiappstore.app.identity.security.CallerAuthenticator;
import org.aiappstore.app.identity.security.ProblemWriter;
import org.aiappstore.app.identity.token.InvalidTokenException;
import org.aiappstore.app.problem.ProblemException;
import org.aiappstore.plugin.api.deployment.DeploymentCapability;

/**
 * The reverse proxy to demo apps: {@code /apps/{id}/…} on the platform's origin goes to the app's
 * URL (its backend's address for it) with the rest of the path and the query, request and response
 * bodies streamed, the response flushed chunk by chunk so Server-Sent Events and chunked answers
 * arrive as the app writes them; a WebSocket upgrade becomes a tunnel ({@link AppTunnel}). See
 * docs/api/apps.md.
 *
 * <p>Who: anyone for an app whose card is public; otherwise the users who may read the card, the
 * app's owner and admins, identified by a bearer token or an app ticket cookie ({@link
 * AppTickets}); everyone else gets 404, as from the API. The decision is re-made at most {@link
 * ProxyAccess#TTL} after the last one, so a card made private stops being served within seconds.
 *
 * <p>Isolation: the app's scripts run under the platform's origin, where the CSRF cookie is
 * readable and the refresh endpoint accepts it. Every response is therefore served with {@code
 * Content-Security-Policy: sandbox …} without {@code allow-same-origin}: the app's document gets an
 * opaque origin and can read no platform cookie and call no platform API as the user; {@code
 * frame-ancestors 'self'} keeps other sites from framing it. The document's own requests are then
 * cross-origin ({@code Origin: null}) and, as Chromium 156 shows (docs/api/apps.md), carry no
 * cookie at all unless the app asks for credentials ({@code fetch(…, {credentials: 'include'})},
 * {@code new EventSource(…, {withCredentials: true})}) and the sandbox allows same-site {@code
 * SameSite=None} cookies ({@code allow-same-site-none-cookies}; the platform's own cookies are
 * {@code SameSite=Strict} and stay out). So the proxy answers {@code Origin: null} with {@code
 * Access-Control-Allow-Origin: null} (never any other origin) and allows credentials, and answers
 * CORS preflights itself (they carry no cookie).
 *
 * <p>Own origins: with {@code aiappstore.apps.origin} set, each app is also served on a host of its
 * own ({@link AppOrigin}, {@link AppHostFilter}), the web app frames it there, and the app runs
 * without our sandbox: its origin keeps it from the platform's cookies and API and from other apps.
 * Tickets are then taken on the app's host only (a {@code Partitioned} cookie set through {@code
 * /.aiappstore/enter}), where every request of the page carries them, WebSockets included; on the
 * platform's host only bearer tokens and anonymous callers are served.
 *
 * <p>Threads: a request holds its servlet thread while it streams. Demo traffic is light; a long
 * event stream costs one thread, as the platform's own event streams do, and an open WebSocket one
 * thread for the app's side (at most {@code aiappstore.apps.proxy.max-websockets}).
 */
@WebServlet(urlPatterns = "/apps/*", asyncSupported = true)
public class AppProxyServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = Logger.getLogger(AppProxyServlet.class.getName());

  /** Where apps are served on the platform's origin. */
  public static final String PATH = "/apps/";

  static final String SANDBOX =
      "sandbox allow-scripts allow-forms allow-popups allow-downloads allow-modals"
          + " allow-same-site-none-cookies; frame-ancestors 'self'";

  static final Pattern APP_ID = Pattern.compile("[a-z0-9]{1,63}");
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final int BUFFER = 8192;

  @Inject transient AppService apps;
  @Inject transient AppBackends backends;
  @Inject transient AppTickets tickets;
  @Inject transient CallerAuthenticator authenticator;
  @Inject transient AppSettings settings;
  @Inject transient AppTunnels tunnels;
  @Inject transient AppOrigins origins;

  private transient HttpClient client;
  private transient AppReadiness readiness;
  private transient ProxyAccess access;

  /** The proxy path of an app, e.g. {@code /apps/abc/}. */
  public static String prefix(String appId) {
    return PATH + appId + "/";
  }

  @Override
  public void init() {
    client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    readiness = new AppReadiness(apps::status, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()));
    access = new ProxyAccess(apps::usable, Clock.systemUTC());
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    // The raw path, still percent-encoded, is what goes up; the container's decoded one would not
    // survive being put back into a URI.
    String pathInfo =
        request.getRequestURI().substring(request.getContextPath().length() + PATH.length() - 1);
    if (pathInfo.isEmpty()) {
      pathInfo = "/";
    }
    int slash = pathInfo.indexOf('/', 1);
    String id = slash < 0 ? pathInfo.substring(1) : pathInfo.substring(1, slash);
    if (!APP_ID.matcher(id).matches()) {
      problem(response, 404, "APP_NOT_FOUND", "No app here.", Map.of());
      return;
    }
    if (slash < 0) {
      String query = request.getQueryString();
      response.setStatus(308);
      response.setHeader("Location", prefix(id) + (query == null ? "" : "?" + query));
      return;
    }
    String rest = pathInfo.substring(slash + 1);
    boolean appHost = id.equals(request.getAttribute(AppHostFilter.APP_HOST));
    // On its own host an app's pages are same-origin; an opaque origin there is some other
    // document (another app's sandboxed frame) and gets no CORS answer.
    boolean nullOrigin = !appHost && "null".equals(request.getHeader("Origin"));
    if (nullOrigin
        && "OPTIONS".equals(request.getMethod())
        && request.getHeader("Access-Control-Request-Method") != null) {
      preflight(request, response);
      return;
    }
    Caller caller = caller(request, response, id, appHost);
    App app;
    try {
      app = access.app(caller, id);
    } catch (ProblemException e) {
      problem(response, e.status(), e.code(), e.getMessage(), Map.of());
      return;
    }
    if (nullOrigin) {
      // Only after the access check: an answer the page may read is one it was allowed to get.
      response.setHeader("Access-Control-Allow-Origin", "null");
      response.setHeader("Access-Control-Allow-Credentials", "true");
    }
    response.addHeader("Vary", "Origin");
    if (!available(app, response)) {
      return;
    }
    URI target;
    try {
      target = upstream(app.url(), rest, request.getQueryString());
    } catch (IllegalArgumentException e) {
      problem(response, 400, "BAD_PATH", "The path cannot be passed to the app.", Map.of());
      return;
    }
    if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
      tunnel(request, response, app, target, caller);
    } else {
      forward(request, response, app, target, !appHost);
    }
  }

  /**
   * The bearer caller, else a ticket's holder, else anonymous ({@code null}). When apps have hosts
   * of their own, tickets are taken there only; on the app's host a ticket past half its life is
   * replaced by a fresh one, so that a long session in the app goes on (the frame cannot ask for
   * one).
   */
  private Caller caller(
      HttpServletRequest request, HttpServletResponse response, String appId, boolean appHost) {
    Optional<Caller> bearer = Caller.of(request);
    if (bearer.isPresent()) {
      return bearer.get();
    }
    if (!appHost && origins.origin().isPresent()) {
      return null;
    }
    if (appHost && !fromItsOwnPages(request, appId)) {
      // Another app's page (or any site) sending the user's cookie along: a WebSocket or a form
      // POST is not held back by CORS, so the ticket must not speak for it.
      return null;
    }
    if (!appHost && !fromThisHostOrAFrame(request.getHeader("Origin"), request.getHeader("Host"))) {
      return null;
    }
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return null;
    }
    for (Cookie cookie : cookies) {
      if (!AppTickets.COOKIE.equals(cookie.getName())) {
        continue;
      }
      Optional<AppTickets.Holder> holder = tickets.verify(cookie.getValue(), appId);
      if (holder.isPresent()) {
        try {
          Caller caller =
              authenticator.holderOf(
                  holder.get().userId(), holder.get().issuedAt(), holder.get().credential());
          if (appHost && tickets.aging(holder.get())) {
            AppTickets.Ticket fresh = tickets.reissue(appId, holder.get());
            response.addHeader("Set-Cookie", AppTickets.cookie(appId, fresh, Instant.now(), true));
          }
          return caller;
        } catch (InvalidTokenException e) {
          return null;
        }
      }
    }
    return null;
  }

  /**
   * Whether a request to an app's host comes from that app's own pages or from a navigation: its
   * {@code Origin} is absent (navigations and same-origin reads do not send one) or the app's own.
   * Browsers always send it with WebSocket handshakes and cross-origin writes.
   */
  private boolean fromItsOwnPages(HttpServletRequest request, String appId) {
    String origin = request.getHeader("Origin");
    return origin == null
        || origins.origin().map(o -> o.of(appId).equalsIgnoreCase(origin)).orElse(false);
  }

  /**
   * Whether a request on the platform's host may use its ticket: without an {@code Origin} (a
   * navigation), with {@code null} (the web app's sandboxed frame) or with the platform's own. Any
   * other origin is another site posting a form or opening a WebSocket with the user's cookie,
   * which CORS does not hold back. A sandboxed frame on another site also sends {@code null}: only
   * apps on origins of their own close that (docs/api/apps.md).
   */
  static boolean fromThisHostOrAFrame(String origin, String host) {
    if (origin == null || "null".equals(origin)) {
      return true;
    }
    try {
      String authority = URI.create(origin).getRawAuthority();
      return authority != null && authority.equalsIgnoreCase(host);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private void preflight(HttpServletRequest request, HttpServletResponse response) {
    response.setStatus(204);
    response.setHeader("Access-Control-Allow-Origin", "null");
    response.setHeader("Access-Control-Allow-Credentials", "true");
    response.setHeader(
        "Access-Control-Allow-Methods", request.getHeader("Access-Control-Request-Method"));
    String headers = request.getHeader("Access-Control-Request-Headers");
    if (headers != null) {
      response.setHeader("Access-Control-Allow-Headers", headers);
    }
    response.setHeader("Access-Control-Max-Age", "600");
    response.setHeader(
        "Vary", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
  }

  /** Whether the app can take the request now, holding it while the app wakes; else a problem. */
  private boolean available(App app, HttpServletResponse response) throws IOException {
    if (app.state() != AppState.ACTIVE) {
      String why =
          app.state() == AppState.CREATING
              ? "The app is being created."
              : app.state() == AppState.LOST
                  ? "The app's objects are gone; its owner can restore it."
                  : "The app is being deleted.";
      problem(response, 503, "APP_UNAVAILABLE", why, Map.of("Retry-After", "5"));
      return false;
    }
    if (app.url() == null) {
      problem(
          response,
          503,
          "APP_UNAVAILABLE",
          "The app has no address yet.",
          Map.of("Retry-After", "5"));
      return false;
    }
    // Only an app made to scale to zero wakes on a request: on the same backend an app its owner
    // scaled to 0 is stopped, as the web app shows it, and waking it would undo the stop.
    boolean canWake =
        app.scaleToZero()
            && backends
                .capabilities(app.backendId())
                .map(c -> c.contains(DeploymentCapability.SCALE_TO_ZERO))
                .orElse(false);
    Duration timeout =
        Duration.ofSeconds(Math.max(0, settings.integer(ConfigKey.APPS_PROXY_WAKE_TIMEOUT)));
    AppReadiness.Outcome outcome;
    try {
      outcome = readiness.await(app, canWake, timeout, () -> nudge(app));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      problem(response, 503, "APP_UNAVAILABLE", "The server is shutting down.", Map.of());
      return false;
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not read the status of app " + app.id(), e);
      problem(
          response,
          503,
          "APP_UNAVAILABLE",
          "The app's deployment backend cannot be reached.",
          Map.of("Retry-After", "10"));
      return false;
    }
    switch (outcome.verdict()) {
      case READY:
        return true;
      case TIMED_OUT:
        problem(response, 503, "APP_WAKING", outcome.message(), Map.of("Retry-After", "5"));
        return false;
      case STOPPED:
        problem(response, 503, "APP_STOPPED", outcome.message(), Map.of());
        return false;
      default:
        problem(response, 503, "APP_UNAVAILABLE", outcome.message(), Map.of());
        return false;
    }
  }

  /** A request to the app's address, answer ignored: KNative starts an instance on a request. */
  private void nudge(App app) {
    client
        .sendAsync(
            HttpRequest.newBuilder(URI.create(app.url()))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .exceptionally(e -> null);
  }

  private void forward(
      HttpServletRequest request,
      HttpServletResponse response,
      App app,
      URI target,
      boolean sandbox)
      throws IOException {
    ProgressBody body = new ProgressBody(body(request), System::nanoTime);
    HttpRequest.Builder upstream = HttpRequest.newBuilder(target).method(request.getMethod(), body);
    upstreamHeaders(request, app, false).forEach(h -> upstream.header(h.name(), h.value()));
    long wait =
        Duration.ofSeconds(Math.max(1, settings.integer(ConfigKey.APPS_PROXY_ANSWER_TIMEOUT)))
            .toNanos();

    HttpResponse<InputStream> answer;
    try {
      // Not HttpRequest.timeout: from JDK 26 it also limits the body, which would cut event
      // streams.
      answer =
          AnswerWait.until(
              client.sendAsync(upstream.build(), HttpResponse.BodyHandlers.ofInputStream()),
              () -> body.lastProgress() + wait);
    } catch (HttpConnectTimeoutException | ConnectException e) {
      readiness.forget(app.id());
      problem(response, 502, "APP_UNREACHABLE", "The app does not answer.", Map.of());
      return;
    } catch (HttpTimeoutException e) {
      problem(response, 504, "APP_TIMEOUT", "The app took too long to answer.", Map.of());
      return;
    } catch (IOException e) {
      readiness.forget(app.id());
      LOG.log(Level.FINE, "App " + app.id() + " could not be reached", e);
      problem(response, 502, "APP_UNREACHABLE", "The app does not answer.", Map.of());
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      problem(response, 503, "APP_UNAVAILABLE", "The server is shutting down.", Map.of());
      return;
    }
    copyDown(answer, response, app, sandbox);
  }

  /**
   * The headers that go up to the app: the browser's own but hop-by-hop ones and the platform's
   * credentials, with the app's cookies and the forwarding headers; a WebSocket upgrade's {@code
   * Sec-WebSocket-*} headers too when {@code upgrade}.
   */
  private List<UpstreamHandshake.Header> upstreamHeaders(
      HttpServletRequest request, App app, boolean upgrade) {
    List<UpstreamHandshake.Header> headers = new ArrayList<>();
    Predicate<String> hopOnly =
        ProxyHeaders.namedByConnection(Collections.list(request.getHeaders("Connection")));
    for (String name : Collections.list(request.getHeaderNames())) {
      if (hopOnly.test(name)) {
        continue;
      }
      if (ProxyHeaders.forwardUp(name) || upgrade && UpstreamHandshake.handshakeHeader(name)) {
        for (String value : Collections.list(request.getHeaders(name))) {
          headers.add(new UpstreamHandshake.Header(name, value));
        }
      }
    }
    ProxyHeaders.appCookies(Collections.list(request.getHeaders("Cookie")))
        .ifPresent(c -> headers.add(new UpstreamHandshake.Header("Cookie", c)));
    boolean trust = settings.flag(ConfigKey.TRUST_FORWARDED_FOR);
    headers.add(
        new UpstreamHandshake.Header(
            "X-Forwarded-For",
            ProxyHeaders.forwardedFor(
                request.getHeader("X-Forwarded-For"), request.getRemoteAddr(), trust)));
    headers.add(new UpstreamHandshake.Header("X-Forwarded-Proto", request.getScheme()));
    String host = request.getHeader("Host");
    if (host != null) {
      headers.add(new UpstreamHandshake.Header("X-Forwarded-Host", host));
    }
    headers.add(new UpstreamHandshake.Header("X-Forwarded-Prefix", PATH + app.id()));
    return headers;
  }

  /**
   * A WebSocket: the upgrade goes to the app over a connection of its own; if the app switches
   * protocols, so does the browser's request, and {@link AppTunnel} copies the frames both ways
   * until either side closes or the caller loses access to the app ({@link AppTunnels}).
   */
  private void tunnel(
      HttpServletRequest request, HttpServletResponse response, App app, URI target, Caller caller)
      throws IOException {
    if (!"GET".equals(request.getMethod())) {
      problem(response, 400, "BAD_UPGRADE", "A WebSocket opens with GET.", Map.of());
      return;
    }
    if (!tunnels.reserve()) {
      problem(
          response,
          503,
          "APP_BUSY",
          "Too many WebSocket connections to apps are open; try again shortly.",
          Map.of("Retry-After", "10"));
      return;
    }
    UpstreamHandshake.Connection connection;
    try {
      connection = UpstreamHandshake.connect(target, CONNECT_TIMEOUT);
    } catch (IOException e) {
      tunnels.release();
      readiness.forget(app.id());
      LOG.log(Level.FINE, "App " + app.id() + " could not be reached for a WebSocket", e);
      problem(response, 502, "APP_UNREACHABLE", "The app does not answer.", Map.of());
      return;
    }
    try {
      connection
          .out()
          .write(UpstreamHandshake.request(target, upstreamHeaders(request, app, true)));
      connection.out().flush();
      UpstreamHandshake.Answer answer = UpstreamHandshake.readAnswer(connection.in());
      if (!answer.upgraded()) {
        abandon(connection);
        int status = answer.status() >= 400 ? answer.status() : 502;
        problem(
            response,
            status,
            "WEBSOCKET_REFUSED",
            "The app answered " + answer.status() + " instead of accepting the WebSocket.",
            Map.of());
        return;
      }
      response.setStatus(101);
      response.setHeader("Upgrade", "websocket");
      response.setHeader("Connection", "Upgrade");
      String prefix = prefix(app.id());
      for (UpstreamHandshake.Header header : answer.headers()) {
        String name =
            UpstreamHandshake.HANDSHAKE_ANSWER.get(
                header.name().toLowerCase(java.util.Locale.ROOT));
        if (name != null) {
          response.addHeader(name, header.value());
        } else if (header.name().equalsIgnoreCase("Set-Cookie")) {
          ProxyHeaders.confineSetCookie(header.value(), prefix)
              .ifPresent(c -> response.addHeader("Set-Cookie", c));
        }
      }
      AppTunnel tunnel = request.upgrade(AppTunnel.class);
      tunnel.attach(connection, app.id(), stillAllowed(caller, app.id()), tunnels);
    } catch (SocketTimeoutException e) {
      abandon(connection);
      problem(response, 504, "APP_TIMEOUT", "The app took too long to answer.", Map.of());
    } catch (IOException | ServletException e) {
      abandon(connection);
      LOG.log(Level.FINE, "WebSocket to app " + app.id() + " could not open", e);
      problem(response, 502, "APP_UNREACHABLE", "The app did not accept the WebSocket.", Map.of());
    }
  }

  /** A connection that did not become a tunnel: closed, its place given back. */
  private void abandon(UpstreamHandshake.Connection connection) {
    try {
      connection.socket().close();
    } catch (IOException e) {
      // closing anyway
    }
    tunnels.release();
  }

  /**
   * The rule that let a WebSocket open, asked again while it stays open: the caller's account is
   * still active and has not been signed out everywhere since, the session or personal token it
   * came with still stands, and it may still use the app.
   */
  private BooleanSupplier stillAllowed(Caller caller, String appId) {
    Instant opened = Instant.now();
    return () -> {
      try {
        Caller now =
            caller == null
                ? null
                : authenticator.holderOf(caller.userId(), opened, caller.credential());
        access.app(now, appId);
        return true;
      } catch (InvalidTokenException | ProblemException e) {
        return false;
      }
    };
  }

  private static HttpRequest.BodyPublisher body(HttpServletRequest request) {
    long length = request.getContentLengthLong();
    boolean chunked = request.getHeader("Transfer-Encoding") != null;
    if (length <= 0 && !chunked) {
      return HttpRequest.BodyPublishers.noBody();
    }
    HttpRequest.BodyPublisher stream =
        HttpRequest.BodyPublishers.ofInputStream(
            () -> {
              try {
                return request.getInputStream();
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    return length > 0 ? HttpRequest.BodyPublishers.fromPublisher(stream, length) : stream;
  }

  /**
   * The app's URL with the rest of the (raw) path and the query. The rest may not climb out of the
   * app's URL, neither plainly nor percent-encoded ({@code %2e%2e}, {@code %2f}), which a router
   * behind might decode into another app's path.
   */
  static URI upstream(String appUrl, String rest, String query) {
    String base = appUrl.endsWith("/") ? appUrl : appUrl + "/";
    String lower = rest.toLowerCase(java.util.Locale.ROOT);
    if (lower.contains("%2e")
        || lower.contains("%2f")
        || lower.contains("%5c")
        || rest.contains("\\")) {
      throw new IllegalArgumentException("encoded dot or slash in the path");
    }
    URI resolved = URI.create(base + rest + (query == null ? "" : "?" + query));
    if (!resolved.normalize().getRawPath().startsWith(URI.create(base).getRawPath())) {
      throw new IllegalArgumentException("path escapes the app");
    }
    return resolved;
  }

  /**
   * The app's answer to the browser; with our sandbox unless the app is on its own host ({@code
   * sandbox} false), where its origin already keeps it apart from the platform.
   */
  private static void copyDown(
      HttpResponse<InputStream> answer, HttpServletResponse response, App app, boolean sandbox)
      throws IOException {
    response.setStatus(answer.statusCode());
    String prefix = prefix(app.id());
    Predicate<String> hopOnly =
        ProxyHeaders.namedByConnection(answer.headers().allValues("Connection"));
    answer
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              if (hopOnly.test(name)) {
                return;
              }
              if (name.equalsIgnoreCase("set-cookie")) {
                values.forEach(
                    v ->
                        ProxyHeaders.confineSetCookie(v, prefix)
                            .ifPresent(c -> response.addHeader("Set-Cookie", c)));
              } else if (name.equalsIgnoreCase("location")) {
                values.forEach(v -> response.addHeader("Location", location(v, app.url(), prefix)));
              } else if (ProxyHeaders.copyDown(name)) {
                values.forEach(v -> response.addHeader(name, v));
              }
            });
    if (sandbox) {
      // Several CSP headers are all enforced: the app's policy stays and ours is added.
      response.addHeader("Content-Security-Policy", SANDBOX);
    }
    answer.headers().firstValueAsLong("Content-Length").ifPresent(response::setContentLengthLong);
    try (InputStream in = answer.body()) {
      OutputStream out = response.getOutputStream();
      byte[] buffer = new byte[BUFFER];
      int read;
      response.flushBuffer();
      while ((read = in.read(buffer)) >= 0) {
        out.write(buffer, 0, read);
        // Each chunk as it comes: an event stream must not wait for a full buffer.
        out.flush();
      }
    }
  }

  /** An absolute redirect into the app's own URL becomes one into its proxy path. */
  static String location(String location, String appUrl, String prefix) {
    String base = appUrl.endsWith("/") ? appUrl : appUrl + "/";
    return location.startsWith(base) ? prefix + location.substring(base.length()) : location;
  }

  private static void problem(
      HttpServletResponse response,
      int status,
      String code,
      String detail,
      Map<String, String> headers)
      throws IOException {
    if (response.isCommitted()) {
      return;
    }
    ProblemWriter.write(response, status, code, detail, headers);
  }
}
