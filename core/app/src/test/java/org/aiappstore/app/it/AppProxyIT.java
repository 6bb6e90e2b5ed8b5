package org.aiappstore.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.aiappstore.plugin.tck.deployment.testing.KubernetesMockCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The app proxy at /apps/{id}/: apps deployed through the emissary plugin onto the Kubernetes mock,
 * whose "Emissary" is an HTTP server in this JVM standing in for the demo app. The mock runs no
 * controller: a test adds a ready pod to make an app ready.
 */
class AppProxyIT {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  private static KubernetesMockCluster cluster;
  private static HttpServer demo;
  private static FakeWebSocketApp webSocketDemo;
  private static String webSocketBackendId;
  private static String backendId;
  private static String deadBackendId;
  private static String knativeBackendId;
  private static AuthIT.Session owner;
  private static AuthIT.Session other;

  /** What the demo app last received, per request path. */
  private static final Map<String, Received> received = new ConcurrentHashMap<>();

  /**
   * Released by a test: once it has read the first event of a stream, or once it has its answer
   * from a path whose app holds back its own.
   */
  private static final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();

  record Received(String method, String query, Map<String, List<String>> headers, String body) {
    String header(String name) {
      List<String> values = headers.get(name);
      return values == null ? null : String.join(",", values);
    }
  }

  @BeforeAll
  static void startClusterAndDemoApp() throws IOException {
    cluster = KubernetesMockCluster.start();
    demo = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    demo.createContext("/", AppProxyIT::serve);
    demo.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    demo.start();
    backendId = backend("http://127.0.0.1:" + demo.getAddress().getPort() + "/");
    // Nothing listens on port 9 (discard) of the loopback address here.
    deadBackendId = backend("http://127.0.0.1:9/");
    webSocketDemo = FakeWebSocketApp.start();
    webSocketBackendId = backend(webSocketDemo.baseUrl());
    cluster.installKnativeServing();
    knativeBackendId = knativeBackend();
    other = AuthIT.newSession("user");
  }

  /** A new owner per test: each test deploys apps, and one user may own only a few (the quota). */
  @org.junit.jupiter.api.BeforeEach
  void newOwner() {
    owner = AuthIT.newSession("user");
  }

  @AfterAll
  static void stop() throws IOException {
    if (demo != null) {
      demo.stop(0);
    }
    if (webSocketDemo != null) {
      webSocketDemo.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  /** A KNative backend: it scales apps to zero and wakes those made to on a request. */
  private static String knativeBackend() {
    return connector("knative", Map.of("domain", "apps.invalid"));
  }

  private static String backend(String publicBaseUrl) {
    return connector("emissary", Map.of("publicBaseUrl", publicBaseUrl));
  }

  private static String connector(String factoryId, Map<String, String> settings) {
    String id = AuthIT.unique("proxy-" + factoryId);
    Map<String, String> config = new HashMap<>(settings);
    config.put("namespace", cluster.namespace());
    config.put("masterUrl", cluster.apiServer().toString());
    config.put("token", "cluster-token");
    AuthIT.asAdmin()
        .contentType("application/json")
        .body(
            ConnectorsIT.instance(
                id, "deployment-backend", factoryId, "Proxy test cluster " + factoryId, config))
        .post("/api/v1/admin/connectors")
        .then()
        .statusCode(201);
    return id;
  }

  /**
   * The demo app: /…/sse streams two events, /…/hang holds back its answer until released,
   * /…/origin-wide answers with headers that act on the whole origin, /…/hop with a header its
   * Connection header names, anything else echoes what it got.
   */
  private static void serve(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    received.put(
        path,
        new Received(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getRawQuery(),
            new HashMap<>(exchange.getRequestHeaders()),
            new String(body, StandardCharsets.UTF_8)));
    if (path.endsWith("/sse")) {
      exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
      exchange.sendResponseHeaders(200, 0);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write("data: first\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        CountDownLatch gate = gates.get(path);
        boolean released = gate != null && await(gate);
        out.write(
            ("data: " + (released ? "second" : "never-released") + "\n\n")
                .getBytes(StandardCharsets.UTF_8));
      }
      return;
    }
    if (path.endsWith("/hang")) {
      await(gates.getOrDefault(path, new CountDownLatch(0)));
    }
    byte[] answer = ("app saw " + path).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "text/plain");
    exchange.getResponseHeaders().add("Set-Cookie", "aas_csrf=from-the-app; Path=/");
    exchange.getResponseHeaders().add("Set-Cookie", "session=s1; Path=/; HttpOnly");
    exchange.getResponseHeaders().add("Content-Security-Policy", "img-src 'self'");
    if (path.endsWith("/origin-wide")) {
      exchange.getResponseHeaders().add("Clear-Site-Data", "\"*\"");
      exchange.getResponseHeaders().add("Strict-Transport-Security", "max-age=0");
    }
    if (path.endsWith("/hop")) {
      exchange.getResponseHeaders().add("Connection", "X-Hop-Down");
      exchange.getResponseHeaders().add("X-Hop-Down", "1");
    }
    exchange.sendResponseHeaders(200, answer.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(answer);
    }
  }

  private static boolean await(CountDownLatch gate) {
    try {
      return gate.await(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  // ---- helpers

  private static Map<String, Object> cardInput(String visibility) {
    Map<String, Object> card = CardsIT.card(AuthIT.unique("Demo"));
    card.put("visibility", visibility);
    return card;
  }

  private static String card(String visibility) {
    return CardsIT.create(owner, cardInput(visibility)).then().statusCode(201).extract().path("id");
  }

  private static String app(String backend, String cardId) {
    Map<String, Object> input = new HashMap<>();
    input.put("backendId", backend);
    input.put("image", "ghcr.io/acme/demo:1");
    input.put("port", 7860);
    if (cardId != null) {
      input.put("cardId", cardId);
    }
    return AuthIT.as(owner.accessToken())
        .contentType("application/json")
        .body(AuthIT.json(input))
        .post("/api/v1/apps")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static String readyApp(String cardId) {
    String id = app(backendId, cardId);
    markReady(id);
    return id;
  }

  private static void markReady(String id) {
    EmissaryPods.addReady(cluster, "app-" + id + "-5d8f-abcde", id);
  }

  /** The app's path as the demo server sees it: Emissary's prefix for the app. */
  private static String upstreamPath(String id, String rest) {
    return "/apps/app-" + id + "/" + rest;
  }

  private static HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(ApiIT.baseUrl() + path))
        .timeout(Duration.ofSeconds(30));
  }

  private static HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder builder = request(path).GET();
    if (headers.length > 0) {
      builder.headers(headers);
    }
    return CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Sends a request written by hand (the JDK's client refuses to send {@code Connection} or {@code
   * Upgrade}) and reads its answer's status line and headers.
   */
  private static List<String> rawHead(String request) throws IOException {
    URI base = URI.create(ApiIT.baseUrl());
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(20_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      BufferedReader answer =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      List<String> head = new java.util.ArrayList<>();
      for (String line = answer.readLine();
          line != null && !line.isEmpty();
          line = answer.readLine()) {
        head.add(line);
      }
      return head;
    }
  }

  /** The app's own host, as the test server's {@code aiappstore.apps.origin} names it. */
  static String appHost(String appId) {
    return appId + ".apps.localhost:" + URI.create(ApiIT.baseUrl()).getPort();
  }

  /** The entry link {@code /access} gives for an app on its own host; it sets no cookie itself. */
  static String enterUrl(String appId, String token) {
    return AuthIT.as(token)
        .post("/api/v1/apps/" + appId + "/access")
        .then()
        .statusCode(200)
        .header("Set-Cookie", org.hamcrest.Matchers.nullValue())
        .extract()
        .path("enterUrl");
  }

  /**
   * The app's ticket cookie as a browser gets it: the entry link from {@code /access}, followed on
   * the app's host.
   */
  static String ticket(String appId, String token) throws Exception {
    URI enter = URI.create(enterUrl(appId, token));
    assertThat(enter.getHost()).isEqualTo(appId + ".apps.localhost");
    HttpResponse<String> entered =
        get(enter.getRawPath() + "?" + enter.getRawQuery(), "Host", appHost(appId));
    assertThat(entered.statusCode()).isEqualTo(303);
    assertThat(entered.headers().firstValue("Location")).contains("/apps/" + appId + "/");
    String setCookie = entered.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(setCookie)
        .startsWith("aas_app_ticket=")
        .contains("Path=/apps/" + appId + "/")
        .contains("HttpOnly")
        .contains("SameSite=None")
        .contains("Partitioned")
        .doesNotContain("Domain");
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  // ---- tests

  @Nested
  class Forwarding {

    @Test
    void shouldServeTheAppsBytesWithForwardedHeadersAndTheSandbox() throws Exception {
      String id = readyApp(card("public"));

      HttpResponse<String> response =
          get(
              "/apps/" + id + "/api/info?x=1&y=a%20b",
              "Authorization",
              "Bearer " + owner.accessToken(),
              "Cookie",
              "aas_csrf=platform-csrf; session=s1; aas_refresh=r",
              "X-Custom",
              "kept");

      Received seen = received.get(upstreamPath(id, "api/info"));
      assertSoftly(
          soft -> {
            soft.assertThat(response.statusCode()).isEqualTo(200);
            soft.assertThat(response.body()).isEqualTo("app saw " + upstreamPath(id, "api/info"));
            soft.assertThat(seen.query()).isEqualTo("x=1&y=a%20b");
            soft.assertThat(seen.header("X-forwarded-prefix")).isEqualTo("/apps/" + id);
            soft.assertThat(seen.header("X-forwarded-proto")).isEqualTo("http");
            soft.assertThat(seen.header("X-forwarded-host")).startsWith("localhost:");
            soft.assertThat(seen.header("X-forwarded-for")).isNotBlank();
            soft.assertThat(seen.header("X-custom")).isEqualTo("kept");
            soft.assertThat(seen.header("Authorization")).isNull();
            soft.assertThat(seen.header("Cookie")).isEqualTo("session=s1");
            soft.assertThat(response.headers().allValues("Content-Security-Policy"))
                .contains("img-src 'self'")
                .anySatisfy(
                    csp ->
                        assertThat(csp)
                            .startsWith("sandbox allow-scripts")
                            .doesNotContain("allow-same-origin")
                            .contains("frame-ancestors 'self'"));
            soft.assertThat(response.headers().allValues("Set-Cookie"))
                .containsExactly("session=s1; HttpOnly; Path=/apps/" + id + "/");
          });
    }

    @Test
    void shouldKeepTheAppFromClearingOrDowngradingThePlatformsOrigin() throws Exception {
      String id = readyApp(card("public"));

      HttpResponse<String> response = get("/apps/" + id + "/origin-wide");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().map().keySet())
          .doesNotContainAnyElementsOf(List.of("clear-site-data", "strict-transport-security"));
    }

    @Test
    void shouldKeepHeadersTheConnectionHeaderNamesToTheirOwnHop() throws Exception {
      String id = readyApp(card("public"));

      List<String> head =
          rawHead(
              "GET /apps/"
                  + id
                  + "/hop HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive, X-Hop\r\n"
                  + "X-Hop: 1\r\nX-Kept: 1\r\n\r\n");

      Received seen = received.get(upstreamPath(id, "hop"));
      assertSoftly(
          soft -> {
            soft.assertThat(head.get(0)).contains(" 200");
            soft.assertThat(seen.header("X-hop")).as("up to the app").isNull();
            soft.assertThat(seen.header("X-kept")).isEqualTo("1");
            soft.assertThat(head)
                .as("down to the browser")
                .noneSatisfy(h -> assertThat(h).startsWithIgnoringCase("X-Hop-Down"));
          });
    }

    @Test
    void shouldRedirectThePathWithoutTrailingSlash() throws Exception {
      String id = readyApp(card("public"));

      HttpResponse<String> response = get("/apps/" + id + "?a=1");

      assertThat(response.statusCode()).isEqualTo(308);
      assertThat(response.headers().firstValue("Location")).contains("/apps/" + id + "/?a=1");
    }

    @Test
    void shouldStreamTheRequestBodyToTheApp() throws Exception {
      String id = readyApp(card("public"));
      String body = "{\"data\": [\"" + "x".repeat(200_000) + "\"]}";

      HttpResponse<String> response =
          CLIENT.send(
              request("/apps/" + id + "/run/predict")
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(200);
      Received seen = received.get(upstreamPath(id, "run/predict"));
      assertThat(seen.method()).isEqualTo("POST");
      assertThat(seen.body()).isEqualTo(body);
      assertThat(seen.header("Content-type")).isEqualTo("application/json");
    }

    @Test
    void shouldPassServerSentEventsAsTheyComeNotWhenTheStreamEnds() throws Exception {
      String id = readyApp(card("public"));
      CountDownLatch gate = new CountDownLatch(1);
      gates.put(upstreamPath(id, "queue/sse"), gate);

      HttpResponse<InputStream> response =
          CLIENT.send(
              request("/apps/" + id + "/queue/sse").header("Accept", "text/event-stream").build(),
              HttpResponse.BodyHandlers.ofInputStream());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type").orElse(""))
          .startsWith("text/event-stream");
      try (BufferedReader events =
          new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
        // The app holds the rest of the stream until this line has been read through the proxy.
        assertThat(events.readLine()).isEqualTo("data: first");
        gate.countDown();
        assertThat(events.readLine()).isEmpty();
        assertThat(events.readLine()).isEqualTo("data: second");
      }
    }
  }

  @Nested
  class Access {

    @Test
    void shouldServeAPublicCardsAppToAnonymousVisitors() throws Exception {
      String id = readyApp(card("public"));

      assertThat(get("/apps/" + id + "/").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldHideAPrivateCardsAppFromEveryoneButThoseWhoMayReadTheCard() throws Exception {
      String id = readyApp(card("private"));
      String path = "/apps/" + id + "/";

      assertThat(get(path).statusCode()).isEqualTo(404);
      assertThat(get(path).headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/problem+json");
      assertThat(get(path, "Authorization", "Bearer " + other.accessToken()).statusCode())
          .isEqualTo(404);
      assertThat(
              get(path, "Host", appHost(id), "Cookie", ticket(id, owner.accessToken()))
                  .statusCode())
          .isEqualTo(200);
      assertThat(get(path, "Authorization", "Bearer " + owner.accessToken()).statusCode())
          .isEqualTo(200);
      AuthIT.as(other.accessToken()).post("/api/v1/apps/" + id + "/access").then().statusCode(404);
    }

    @Test
    void shouldHideAPreviewAppFromOthersAndServeItToItsOwnerWithATicket() throws Exception {
      String id = readyApp(null);

      assertThat(get("/apps/" + id + "/").statusCode()).isEqualTo(404);
      String path = "/apps/" + id + "/";
      assertThat(get(path, "Host", appHost(id)).statusCode()).isEqualTo(404);
      assertThat(
              get(path, "Host", appHost(id), "Cookie", ticket(id, owner.accessToken()))
                  .statusCode())
          .isEqualTo(200);
      assertThat(
              get(path, "Host", appHost(id), "Cookie", ticket(id, AuthIT.adminToken()))
                  .statusCode())
          .isEqualTo(200);
    }

    @Test
    void shouldRefuseForgedTicketsAndTicketsOfAnotherApp() throws Exception {
      String id = readyApp(card("private"));
      String otherApp = readyApp(card("private"));
      String valid = ticket(id, owner.accessToken());
      String forged = valid.substring(0, valid.length() - 4) + "AAAA";

      String host = appHost(id);
      assertThat(get("/apps/" + id + "/", "Host", host, "Cookie", forged).statusCode())
          .isEqualTo(404);
      assertThat(
              get("/apps/" + otherApp + "/", "Host", appHost(otherApp), "Cookie", valid)
                  .statusCode())
          .isEqualTo(404);
      assertThat(
              get("/apps/" + id + "/", "Host", host, "Cookie", "aas_app_ticket=garbage")
                  .statusCode())
          .isEqualTo(404);
    }

    @Test
    void shouldLetTheSandboxedDocumentReadAnswersWithCredentialsOnlyForNullOrigin()
        throws Exception {
      String id = readyApp(card("public"));

      HttpResponse<String> fromSandbox = get("/apps/" + id + "/", "Origin", "null");
      HttpResponse<String> fromElsewhere =
          get("/apps/" + id + "/", "Origin", "https://evil.example");
      // On the app's own host its pages are same-origin: an opaque origin there is another
      // document (another app's sandboxed frame) and may not read the answer.
      HttpResponse<String> onItsHost =
          get("/apps/" + id + "/", "Host", appHost(id), "Origin", "null");
      HttpResponse<String> preflight =
          CLIENT.send(
              request("/apps/" + id + "/run/predict")
                  .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                  .header("Origin", "null")
                  .header("Access-Control-Request-Method", "POST")
                  .header("Access-Control-Request-Headers", "content-type")
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertSoftly(
          soft -> {
            soft.assertThat(fromSandbox.headers().firstValue("Access-Control-Allow-Origin"))
                .contains("null");
            soft.assertThat(fromSandbox.headers().firstValue("Access-Control-Allow-Credentials"))
                .contains("true");
            soft.assertThat(fromElsewhere.headers().firstValue("Access-Control-Allow-Origin"))
                .isEmpty();
            soft.assertThat(onItsHost.statusCode()).isEqualTo(200);
            soft.assertThat(onItsHost.headers().firstValue("Access-Control-Allow-Origin"))
                .isEmpty();
            soft.assertThat(preflight.statusCode()).isEqualTo(204);
            soft.assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers"))
                .contains("content-type");
          });
    }
  }

  /** Apps on hosts of their own: the test server sets aiappstore.apps.origin. */
  @Nested
  class OwnOrigins {

    @Test
    void shouldServeTheAppUnsandboxedOnItsHostToTheHolderOfItsEntryLink() throws Exception {
      String id = readyApp(card("private"));
      String cookie = ticket(id, owner.accessToken());

      HttpResponse<String> answer =
          get("/apps/" + id + "/api/info", "Host", appHost(id), "Cookie", cookie + "; session=s1");

      Received seen = received.get(upstreamPath(id, "api/info"));
      assertSoftly(
          soft -> {
            soft.assertThat(answer.statusCode()).isEqualTo(200);
            soft.assertThat(answer.body()).isEqualTo("app saw " + upstreamPath(id, "api/info"));
            soft.assertThat(answer.headers().allValues("Content-Security-Policy"))
                .as("the app's own policy only: its origin keeps it apart")
                .containsExactly("img-src 'self'");
            soft.assertThat(seen.header("Cookie")).isEqualTo("session=s1");
            soft.assertThat(seen.header("X-forwarded-host")).isEqualTo(appHost(id));
          });
    }

    @Test
    void shouldServeNothingButItsAppOnAnAppsHost() throws Exception {
      String id = readyApp(card("public"));
      String otherApp = readyApp(card("public"));
      String host = appHost(id);

      for (String path :
          List.of("/", "/api/v1/about", "/api/v1/auth/me", "/models", "/apps/" + otherApp + "/")) {
        HttpResponse<String> answer =
            get(path, "Host", host, "Authorization", "Bearer " + owner.accessToken());
        assertThat(answer.statusCode()).as(path).isEqualTo(404);
        assertThat(answer.headers().firstValue("Content-Type").orElse(""))
            .as(path)
            .startsWith("application/problem+json");
      }
      // Dot segments, plain or encoded, do not lead out of the app's path to the platform.
      for (String path :
          List.of(
              "/apps/" + id + "/%2e%2e/%2e%2e/api/v1/about",
              "/apps/" + id + "/%2E%2E/%2E%2E/api/v1/about",
              "/apps/" + id + "/../../api/v1/about")) {
        HttpResponse<String> answer = get(path, "Host", host);
        assertThat(answer.statusCode()).as(path).isIn(400, 404);
        assertThat(answer.body()).as(path).doesNotContain("\"version\"");
      }
      assertThat(get("/apps/" + id + "/", "Host", host).statusCode()).isEqualTo(200);
      assertThat(get("/apps/" + id, "Host", host).statusCode()).isEqualTo(308);
    }

    @Test
    void shouldRefuseEntryLinksThatAreForgedForAnotherAppOrCookieTickets() throws Exception {
      String id = readyApp(card("private"));
      String otherApp = readyApp(card("private"));
      String otherEnterUrl = enterUrl(otherApp, owner.accessToken());
      String cookieTicket = ticket(id, owner.accessToken()).substring("aas_app_ticket=".length());

      for (String query :
          List.of(
              otherEnterUrl.substring(otherEnterUrl.indexOf('?') + 1),
              "ticket=" + cookieTicket,
              "ticket=garbage",
              "nothing=1")) {
        HttpResponse<String> answer = get("/.aiappstore/enter?" + query, "Host", appHost(id));
        assertThat(answer.statusCode()).as(query).isEqualTo(403);
        assertThat(answer.body()).as(query).contains("ENTRY_EXPIRED");
        assertThat(answer.headers().firstValue("Set-Cookie")).as(query).isEmpty();
      }
    }

    @Test
    void shouldRenewTheCookieWithoutLoadingTheAppForAHiddenFrame() throws Exception {
      String id = readyApp(card("private"));
      URI enter = URI.create(enterUrl(id, owner.accessToken()));

      HttpResponse<String> renewed =
          get(enter.getRawPath() + "?" + enter.getRawQuery() + "&renew=1", "Host", appHost(id));

      assertThat(renewed.statusCode()).isEqualTo(204);
      assertThat(renewed.headers().firstValue("Location")).isEmpty();
      String cookie = renewed.headers().firstValue("Set-Cookie").orElseThrow();
      assertThat(cookie).startsWith("aas_app_ticket=").contains("Partitioned");
      assertThat(
              get(
                      "/apps/" + id + "/",
                      "Host",
                      appHost(id),
                      "Cookie",
                      cookie.substring(0, cookie.indexOf(';')))
                  .statusCode())
          .isEqualTo(200);
    }

    @Test
    void shouldNotLetAnotherOriginUseTheTicket() throws Exception {
      String id = readyApp(card("private"));
      String cookie = ticket(id, owner.accessToken());
      String path = "/apps/" + id + "/api/info";
      String own = "http://" + appHost(id);
      String otherApp = "http://other1.apps.localhost:" + URI.create(ApiIT.baseUrl()).getPort();

      assertThat(get(path, "Host", appHost(id), "Cookie", cookie, "Origin", own).statusCode())
          .isEqualTo(200);
      assertThat(get(path, "Host", appHost(id), "Cookie", cookie, "Origin", otherApp).statusCode())
          .as("another app's page")
          .isEqualTo(404);
      assertThat(
              get(path, "Host", appHost(id), "Cookie", cookie, "Origin", "https://evil.example")
                  .statusCode())
          .isEqualTo(404);
    }

    @Test
    void shouldStopServingATicketOnceTheSessionItCameFromSignsOut() throws Exception {
      AuthIT.TestUser user = AuthIT.createUser("ticket-owner", "user");
      owner = AuthIT.loginAs(user);
      AuthIT.Session otherBrowser = AuthIT.loginAs(user);
      String id = readyApp(card("private"));
      String path = "/apps/" + id + "/";
      String signingOut = ticket(id, owner.accessToken());
      URI enter = URI.create(enterUrl(id, owner.accessToken()));
      String stayingIn = ticket(id, otherBrowser.accessToken());
      assertThat(get(path, "Host", appHost(id), "Cookie", signingOut).statusCode()).isEqualTo(200);

      AuthIT.logout(owner);

      HttpResponse<String> afterSignOut = get(path, "Host", appHost(id), "Cookie", signingOut);
      assertThat(afterSignOut.statusCode()).as("served as anonymous: no app here").isEqualTo(404);
      assertThat(afterSignOut.headers().firstValue("Set-Cookie")).as("nor renewed").isEmpty();
      assertThat(
              get(enter.getRawPath() + "?" + enter.getRawQuery(), "Host", appHost(id)).statusCode())
          .as("an entry link of the session")
          .isEqualTo(403);
      assertThat(get(path, "Host", appHost(id), "Cookie", stayingIn).statusCode())
          .as("the ticket of another session of the same user")
          .isEqualTo(200);
    }

    @Test
    void shouldStopServingATicketOnceThePersonalTokenItCameFromIsRevoked() throws Exception {
      String id = readyApp(card("private"));
      String path = "/apps/" + id + "/";
      io.restassured.path.json.JsonPath created =
          AuthIT.as(owner.accessToken())
              .contentType("application/json")
              .body(AuthIT.json(Map.of("name", "app script", "scope", "write", "expiresInDays", 1)))
              .post("/api/v1/auth/tokens")
              .then()
              .statusCode(201)
              .extract()
              .jsonPath();
      String cookie = ticket(id, created.getString("token"));
      assertThat(get(path, "Host", appHost(id), "Cookie", cookie).statusCode()).isEqualTo(200);

      AuthIT.as(owner.accessToken())
          .delete("/api/v1/auth/tokens/" + created.getString("id"))
          .then()
          .statusCode(204);

      assertThat(get(path, "Host", appHost(id), "Cookie", cookie).statusCode()).isEqualTo(404);
    }

    @Test
    void shouldTakeTicketsOnlyOnTheAppsHost() throws Exception {
      String id = readyApp(card("private"));
      String cookie = ticket(id, owner.accessToken());

      assertThat(get("/apps/" + id + "/", "Cookie", cookie).statusCode())
          .as("the platform's host")
          .isEqualTo(404);
      assertThat(get("/apps/" + id + "/", "Host", appHost(id), "Cookie", cookie).statusCode())
          .isEqualTo(200);
    }
  }

  @Nested
  class Availability {

    @Test
    void shouldSayAStoppedAppIsStopped() throws Exception {
      String id = app(backendId, card("public"));
      cluster
          .client()
          .apps()
          .deployments()
          .inNamespace(cluster.namespace())
          .withName("app-" + id)
          .scale(0);

      HttpResponse<String> response = get("/apps/" + id + "/");

      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/problem+json");
      assertThat(response.body()).contains("APP_STOPPED").contains("stopped");
    }

    @Test
    void shouldSayAnAppItsOwnerStoppedIsStoppedEvenOnABackendThatWakesApps() throws Exception {
      String id = app(knativeBackendId, card("public"));
      AuthIT.as(owner.accessToken())
          .contentType("application/json")
          .body("{\"replicas\": 0}")
          .post("/api/v1/apps/" + id + "/scale")
          .then()
          .statusCode(200);

      HttpResponse<String> response = get("/apps/" + id + "/");

      // Woken, it would have been held for the wake timeout and answered APP_WAKING.
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.body()).contains("APP_STOPPED");
    }

    @Test
    void shouldHoldARequestWhileTheAppStartsThenGiveUpWithRetryAfter() throws Exception {
      String id = app(backendId, card("public"));
      long start = System.nanoTime();

      HttpResponse<String> response = get("/apps/" + id + "/");

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofSeconds(1));
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.headers().firstValue("Retry-After")).isPresent();
      assertThat(response.body()).contains("APP_WAKING");
    }

    @Test
    void shouldForwardOnceTheAppBecomesReadyWhileHeld() throws Exception {
      String id = app(backendId, card("public"));
      Thread later =
          new Thread(
              () -> {
                try {
                  Thread.sleep(700);
                } catch (InterruptedException e) {
                  return;
                }
                markReady(id);
              });
      later.start();

      HttpResponse<String> response = get("/apps/" + id + "/late");
      later.join();

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("app saw " + upstreamPath(id, "late"));
    }

    @Test
    void shouldAnswer502WhenTheAppCannotBeReached() throws Exception {
      String id = app(deadBackendId, card("public"));
      markReady(id);

      HttpResponse<String> response = get("/apps/" + id + "/");

      assertThat(response.statusCode()).isEqualTo(502);
      assertThat(response.body()).contains("APP_UNREACHABLE");
    }

    @Test
    void shouldAnswer504WhenTheAppHoldsBackItsAnswer() throws Exception {
      String id = readyApp(card("public"));
      CountDownLatch gate = new CountDownLatch(1);
      gates.put(upstreamPath(id, "hang"), gate);
      long start = System.nanoTime();
      try {
        HttpResponse<String> response = get("/apps/" + id + "/hang");

        // The test server waits 2 s (aiappstore.apps.proxy.answer-timeout); the app, 20 s.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.body()).contains("APP_TIMEOUT");
      } finally {
        gate.countDown();
      }
    }

    @Test
    void shouldAnswer404ForAnUnknownApp() throws Exception {
      HttpResponse<String> response = get("/apps/nosuchapp/");

      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(response.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/problem+json");
    }

    @Test
    void shouldShowTheProxyUrlInTheAppJson() {
      String id = app(backendId, null);

      AuthIT.as(owner.accessToken())
          .get("/api/v1/apps/" + id)
          .then()
          .statusCode(200)
          .body(
              "proxyUrl",
              org.hamcrest.Matchers.equalTo("http://" + appHost(id) + "/apps/" + id + "/"));
    }
  }

  @Nested
  class WebSockets {

    /** Messages, and how the connection ended, as the browser's side of a WebSocket sees them. */
    static final class Inbox implements WebSocket.Listener {
      final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
      final CompletableFuture<Integer> closed = new CompletableFuture<>();
      private final StringBuilder partial = new StringBuilder();

      @Override
      public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
          messages.add(partial.toString());
          partial.setLength(0);
        }
        socket.request(1);
        return null;
      }

      @Override
      public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
        closed.complete(status);
        return null;
      }

      @Override
      public void onError(WebSocket socket, Throwable error) {
        closed.complete(-1);
      }

      String next() throws InterruptedException {
        String message = messages.poll(20, TimeUnit.SECONDS);
        assertThat(message).as("a message within 20 s").isNotNull();
        return message;
      }
    }

    private WebSocket open(String path, Inbox inbox, String... headers) {
      WebSocket.Builder builder = CLIENT.newWebSocketBuilder();
      for (int i = 0; i < headers.length; i += 2) {
        builder.header(headers[i], headers[i + 1]);
      }
      return builder
          .buildAsync(URI.create(ApiIT.baseUrl().replaceFirst("^http", "ws") + path), inbox)
          .orTimeout(30, TimeUnit.SECONDS)
          .join();
    }

    /** The status the proxy refused a WebSocket with. */
    private int refusal(String path, String... headers) {
      Throwable failure = catchThrowable(() -> open(path, new Inbox(), headers));
      assertThat(failure).hasCauseInstanceOf(WebSocketHandshakeException.class);
      return ((WebSocketHandshakeException) failure.getCause()).getResponse().statusCode();
    }

    /** {@code app_proxy_websockets} as {@code /metrics?scope=application} shows it now. */
    private double openWebSocketsGauge() {
      String metrics =
          ApiIT.given()
              .get("/metrics?scope=application")
              .then()
              .statusCode(200)
              .extract()
              .asString();
      return metrics
          .lines()
          .filter(line -> line.startsWith("app_proxy_websockets"))
          .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
          .findFirst()
          .orElse(-1);
    }

    private String webSocketApp(String cardId) {
      String id = app(webSocketBackendId, cardId);
      markReady(id);
      return id;
    }

    @Test
    void shouldCarryMessagesBothWaysAndTheHandshakeToTheApp() throws Exception {
      String id = webSocketApp(card("public"));
      Inbox inbox = new Inbox();

      WebSocket socket =
          open(
              "/apps/" + id + "/queue/greet?session=7",
              inbox,
              "Authorization",
              "Bearer " + owner.accessToken(),
              "Cookie",
              "aas_refresh=r; theme=dark");

      // Sent by the app in the same write as its 101: the proxy must not lose it.
      assertThat(inbox.next()).isEqualTo("hello from the app");
      assertThat(openWebSocketsGauge()).as("the gauge of open WebSockets").isPositive();
      socket.sendText("what a great model", true).join();
      assertThat(inbox.next()).isEqualTo("echo: what a great model");
      String large = "x".repeat(200_000);
      socket.sendText(large, true).join();
      String echoed = inbox.next();
      // Compared by size and content, not printed: a failure would show 200,000 characters.
      assertThat(echoed.length()).isEqualTo(large.length() + 6);
      assertThat(echoed.equals("echo: " + large)).as("the large message came back whole").isTrue();
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
      assertThat(inbox.closed.get(20, TimeUnit.SECONDS)).isEqualTo(WebSocket.NORMAL_CLOSURE);

      Map<String, String> seen =
          webSocketDemo.requests.get(upstreamPath(id, "queue/greet?session=7"));
      assertSoftly(
          soft -> {
            soft.assertThat(seen).containsEntry("upgrade", "websocket");
            soft.assertThat(seen).containsKeys("sec-websocket-key", "sec-websocket-version");
            soft.assertThat(seen).containsEntry("x-forwarded-prefix", "/apps/" + id);
            soft.assertThat(seen).containsEntry("cookie", "theme=dark");
            soft.assertThat(seen).doesNotContainKey("authorization");
          });
    }

    @Test
    void shouldConfineTheAppsCookiesToItsPath() throws Exception {
      String id = webSocketApp(card("public"));
      // The JDK's client does not show the 101's headers, so this handshake is written by hand.
      List<String> head = rawHead(handshake(id, "queue/join", ""));

      assertThat(head.get(0)).contains(" 101");
      assertThat(head)
          .anySatisfy(
              h ->
                  assertThat(h)
                      .isEqualToIgnoringCase("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo="))
          .anySatisfy(
              h -> assertThat(h).isEqualToIgnoringCase("Set-Cookie: ws=1; Path=/apps/" + id + "/"));
    }

    @Test
    void shouldKeepHeadersTheConnectionHeaderNamesOutOfTheHandshake() throws Exception {
      String id = webSocketApp(card("public"));

      List<String> head =
          rawHead(handshake(id, "queue/join?hop", ", X-Hop\r\nX-Hop: 1\r\nX-Kept: 1"));

      assertThat(head.get(0)).contains(" 101");
      Map<String, String> seen = webSocketDemo.requests.get(upstreamPath(id, "queue/join?hop"));
      assertThat(seen).containsEntry("x-kept", "1").doesNotContainKey("x-hop");
    }

    /** A WebSocket handshake to the app's {@code path}, the Connection header's tail and more. */
    private static String handshake(String id, String path, String connectionTailAndHeaders) {
      return "GET /apps/"
          + id
          + "/"
          + path
          + " HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade"
          + connectionTailAndHeaders
          + "\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
          + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n";
    }

    @Test
    void shouldOpenAPrivateCardsWebSocketOnlyForThoseWhoMayReadTheCard() throws Exception {
      String id = webSocketApp(card("private"));
      String path = "/apps/" + id + "/queue/join";

      assertThat(refusal(path)).isEqualTo(404);
      assertThat(refusal(path, "Authorization", "Bearer " + other.accessToken())).isEqualTo(404);
      String cookie = ticket(id, owner.accessToken());
      // Another app's page opening it with the user's cookie (WebSockets know no CORS).
      String otherApp = "http://other1.apps.localhost:" + URI.create(ApiIT.baseUrl()).getPort();
      assertThat(refusal(path, "Host", appHost(id), "Cookie", cookie, "Origin", otherApp))
          .isEqualTo(404);
      Inbox inbox = new Inbox();
      WebSocket socket =
          open(
              path,
              inbox,
              "Host",
              appHost(id),
              "Cookie",
              cookie,
              "Origin",
              "http://" + appHost(id));
      socket.sendText("hi", true).join();
      assertThat(inbox.next()).isEqualTo("echo: hi");
      socket.abort();
    }

    @Test
    void shouldCloseAnOpenWebSocketOnceTheCardIsMadePrivate() throws Exception {
      io.restassured.response.Response created = CardsIT.create(owner, cardInput("public"));
      created.then().statusCode(201);
      String cardPath =
          CardsIT.MODELS + "/" + created.path("owner.username") + "/" + created.path("slug");
      String id = webSocketApp(created.path("id"));
      Inbox inbox = new Inbox();
      WebSocket socket = open("/apps/" + id + "/queue/join", inbox);
      socket.sendText("still there?", true).join();
      assertThat(inbox.next()).isEqualTo("echo: still there?");

      CardsIT.patch(owner, null, Map.of("visibility", "private"))
          .header("If-Match", AuthIT.as(owner.accessToken()).get(cardPath).header("ETag"))
          .patch(cardPath)
          .then()
          .statusCode(200);

      // Re-checked every 5 s against a decision remembered for 3 s; ended with "policy violation".
      assertThat(inbox.closed.get(20, TimeUnit.SECONDS)).isEqualTo(1008);
    }

    @Test
    void shouldTellTheBrowserTheAppWentAwayWhenItsConnectionDropsWithoutAClose() throws Exception {
      String id = webSocketApp(card("public"));
      Inbox inbox = new Inbox();

      open("/apps/" + id + "/queue/drop", inbox);

      assertThat(inbox.closed.get(20, TimeUnit.SECONDS)).isEqualTo(1001);
    }

    @Test
    void shouldPassTheAppsRefusalAndSayWhenTheAppCannotBeReachedOrDoesNotAnswer() throws Exception {
      String id = webSocketApp(card("public"));
      String dead = app(deadBackendId, card("public"));
      markReady(dead);

      assertThat(refusal("/apps/" + id + "/queue/refuse")).isEqualTo(403);
      assertThat(refusal("/apps/" + dead + "/queue/join")).isEqualTo(502);
      // The proxy waits 10 s for the app's answer to the upgrade.
      assertThat(refusal("/apps/" + id + "/queue/silent")).isEqualTo(504);
    }
  }
}
