package org.aiappstore.app.apps.proxy;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * The app's half of a proxied WebSocket: a connection to the app, the upgrade request written to
 * it, and the app's answer read up to its blank line. The JDK's HTTP client refuses to send {@code
 * Upgrade} and cannot hand over the connection afterwards, so this speaks the few lines of HTTP/1.1
 * an upgrade needs itself.
 */
final class UpstreamHandshake {

  /** Longest answer head accepted from an app: a status line and a few headers. */
  static final int MAX_HEAD = 16 * 1024;

  private static final int MAX_HEADERS = 100;

  /** A header line, as an app sent it. */
  record Header(String name, String value) {}

  /** The app's answer to the upgrade request, without a body. */
  record Answer(int status, List<Header> headers) {

    /** Whether the app switched to the WebSocket protocol. */
    boolean upgraded() {
      return status == 101
          && headers.stream()
              .anyMatch(
                  h ->
                      h.name().equalsIgnoreCase("Upgrade")
                          && h.value().equalsIgnoreCase("websocket"));
    }
  }

  /** The connection to the app, its input buffered: bytes after the answer's head stay in it. */
  record Connection(Socket socket, InputStream in, OutputStream out) {}

  private UpstreamHandshake() {}

  /** Connects to the host of {@code target}, over TLS (host name verified) for https. */
  static Connection connect(URI target, Duration timeout) throws IOException {
    boolean tls = "https".equalsIgnoreCase(target.getScheme());
    int port = target.getPort() != -1 ? target.getPort() : tls ? 443 : 80;
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(target.getHost(), port), (int) timeout.toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
      socket.setTcpNoDelay(true);
      socket.setKeepAlive(true);
      if (tls) {
        SSLSocket secure =
            (SSLSocket)
                SSLContext.getDefault()
                    .getSocketFactory()
                    .createSocket(socket, target.getHost(), port, true);
        SSLParameters parameters = secure.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        secure.setSSLParameters(parameters);
        secure.startHandshake();
        socket = secure;
      }
      return new Connection(
          socket, new BufferedInputStream(socket.getInputStream()), socket.getOutputStream());
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    } catch (NoSuchAlgorithmException e) {
      socket.close();
      throw new IOException("No TLS available", e);
    }
  }

  /**
   * The upgrade request for {@code target}: {@code GET}, its raw path and query, {@code Host}, the
   * given headers (lines with a line break or NUL are left out: they would split the request) and
   * the upgrade headers themselves.
   */
  static byte[] request(URI target, List<Header> headers) {
    String path =
        target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
    StringBuilder head = new StringBuilder("GET ").append(path);
    if (target.getRawQuery() != null) {
      head.append('?').append(target.getRawQuery());
    }
    head.append(" HTTP/1.1\r\nHost: ").append(target.getHost());
    if (target.getPort() != -1) {
      head.append(':').append(target.getPort());
    }
    head.append("\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n");
    for (Header header : headers) {
      if (safe(header.name()) && safe(header.value()) && !header.name().isBlank()) {
        head.append(header.name()).append(": ").append(header.value()).append("\r\n");
      }
    }
    return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static boolean safe(String text) {
    return text.indexOf('\r') < 0 && text.indexOf('\n') < 0 && text.indexOf('\0') < 0;
  }

  /**
   * Reads the answer's status line and headers, and nothing after them.
   *
   * @throws IOException if the app closed the connection first, or sent no valid HTTP/1.x head of
   *     at most {@link #MAX_HEAD} bytes
   */
  static Answer readAnswer(InputStream in) throws IOException {
    List<String> lines = new ArrayList<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int total = 0;
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("The app closed the connection before answering the upgrade");
      }
      if (++total > MAX_HEAD) {
        throw new IOException("The app's answer to the upgrade is too long");
      }
      if (b == '\n') {
        String text = line.toString(StandardCharsets.ISO_8859_1);
        line.reset();
        if (text.endsWith("\r")) {
          text = text.substring(0, text.length() - 1);
        }
        if (text.isEmpty()) {
          break;
        }
        lines.add(text);
      } else {
        line.write(b);
      }
    }
    if (lines.isEmpty() || lines.size() > MAX_HEADERS + 1) {
      throw new IOException(
          "The app's answer to the upgrade has no status line or too many headers");
    }
    return new Answer(status(lines.get(0)), headers(lines.subList(1, lines.size())));
  }

  private static int status(String statusLine) throws IOException {
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("[1-5][0-9]{2}")) {
      throw new IOException("Not an HTTP/1.x status line from the app");
    }
    return Integer.parseInt(parts[1]);
  }

  private static List<Header> headers(List<String> lines) throws IOException {
    List<Header> headers = new ArrayList<>();
    for (String line : lines) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new IOException("A malformed header line from the app");
      }
      headers.add(new Header(line.substring(0, colon).trim(), line.substring(colon + 1).trim()));
    }
    return headers;
  }

  /**
   * Whether a request header belongs to the WebSocket handshake itself ({@code Sec-WebSocket-*}).
   */
  static boolean handshakeHeader(String name) {
    return name.toLowerCase(Locale.ROOT).startsWith("sec-websocket-");
  }

  /** Answer headers that go down with the 101 besides cookies: the handshake's own. */
  static final Map<String, String> HANDSHAKE_ANSWER =
      Map.of(
          "sec-websocket-accept", "Sec-WebSocket-Accept",
          "sec-websocket-protocol", "Sec-WebSocket-Protocol",
          "sec-websocket-extensions", "Sec-WebSocket-Extensions");
}
