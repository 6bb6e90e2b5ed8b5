package org.aiappstore.app.it;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A demo app that speaks WebSocket (RFC 6455) on a plain socket, for the app proxy's tests: it
 * answers the upgrade (a path ending in {@code /refuse} gets 403 instead, one in {@code /silent} no
 * answer at all), drops the connection right after its 101 when the path ends in {@code /drop},
 * greets at once in the same write as its 101 when the path ends in {@code /greet}, echoes every
 * text message as {@code echo: …}, answers pings and close frames, and remembers each upgrade
 * request's headers by path.
 */
final class FakeWebSocketApp implements AutoCloseable {

  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  private final ServerSocket server;
  private final List<Socket> connections = new ArrayList<>();

  /** Upgrade request headers (lower-case names) by request path. */
  final Map<String, Map<String, String>> requests = new ConcurrentHashMap<>();

  private FakeWebSocketApp(ServerSocket server) {
    this.server = server;
  }

  static FakeWebSocketApp start() throws IOException {
    FakeWebSocketApp app =
        new FakeWebSocketApp(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    Thread acceptor = new Thread(app::accept, "fake-websocket-app");
    acceptor.setDaemon(true);
    acceptor.start();
    return app;
  }

  /** Where the app listens, as a backend's public base URL. */
  String baseUrl() {
    return "http://127.0.0.1:" + server.getLocalPort() + "/";
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        synchronized (connections) {
          connections.add(socket);
        }
        Thread connection = new Thread(() -> serve(socket), "fake-websocket-connection");
        connection.setDaemon(true);
        connection.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      String requestLine = line(in);
      Map<String, String> headers = new LinkedHashMap<>();
      for (String header = line(in); !header.isEmpty(); header = line(in)) {
        int colon = header.indexOf(':');
        headers.put(
            header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
            header.substring(colon + 1).trim());
      }
      String target = requestLine.split(" ")[1];
      requests.put(target, headers);
      String path = target.replaceFirst("[?].*", "");
      if (path.endsWith("/silent")) {
        in.read(); // never answers; waits for the proxy to give up and close
        return;
      }
      if (path.endsWith("/refuse")) {
        out.write(
            "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        return;
      }
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      answer.writeBytes(
          ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  + "Sec-WebSocket-Accept: "
                  + accept(headers.get("sec-websocket-key"))
                  + "\r\nSet-Cookie: ws=1; Path=/; Domain=example.org\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      if (path.endsWith("/greet")) {
        answer.writeBytes(frame(1, "hello from the app".getBytes(StandardCharsets.UTF_8)));
      }
      out.write(answer.toByteArray());
      out.flush();
      if (path.endsWith("/drop")) {
        return; // the connection ends without a Close frame, as when an app crashes
      }
      echo(new DataInputStream(in), out);
    } catch (IOException e) {
      // the peer went away
    }
  }

  private static void echo(DataInputStream in, OutputStream out) throws IOException {
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    while (true) {
      int first = in.readUnsignedByte();
      int second = in.readUnsignedByte();
      boolean fin = (first & 0x80) != 0;
      int opcode = first & 0x0F;
      long length = second & 0x7F;
      if (length == 126) {
        length = in.readUnsignedShort();
      } else if (length == 127) {
        length = in.readLong();
      }
      byte[] mask = new byte[4];
      if ((second & 0x80) != 0) {
        in.readFully(mask);
      }
      byte[] payload = new byte[(int) length];
      in.readFully(payload);
      for (int i = 0; i < payload.length; i++) {
        payload[i] ^= mask[i % 4];
      }
      switch (opcode) {
        case 0, 1 -> {
          // A text message may come in fragments (continuations, opcode 0) up to the last one.
          message.writeBytes(payload);
          if (fin) {
            out.write(
                frame(
                    1,
                    ("echo: " + message.toString(StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8)));
            message.reset();
          }
        }
        case 9 -> out.write(frame(10, payload));
        case 8 -> {
          out.write(frame(8, payload));
          out.flush();
          return;
        }
        default -> {}
      }
      out.flush();
    }
  }

  /** An unmasked, unfragmented frame, as a server sends them. */
  private static byte[] frame(int opcode, byte[] payload) {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(0x80 | opcode);
    if (payload.length < 126) {
      frame.write(payload.length);
    } else if (payload.length < 65536) {
      frame.write(126);
      frame.write(payload.length >>> 8);
      frame.write(payload.length & 0xFF);
    } else {
      frame.write(127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        frame.write((int) ((long) payload.length >>> shift) & 0xFF);
      }
    }
    frame.writeBytes(payload);
    return frame.toByteArray();
  }

  private static String accept(String key) {
    try {
      return Base64.getEncoder()
          .encodeToString(
              MessageDigest.getInstance("SHA-1")
                  .digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("connection closed");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    server.close();
    synchronized (connections) {
      for (Socket socket : connections) {
        socket.close();
      }
    }
  }
}
