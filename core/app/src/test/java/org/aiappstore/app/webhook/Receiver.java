package org.aiappstore.app.webhook;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on 127.0.0.1 that checks the signature, answers the first {@code failFirst}
 * requests of every delivery with 500, and counts what it accepted by delivery id.
 */
final class Receiver implements AutoCloseable {

  record Received(String delivery, String event, String body, boolean signatureValid) {}

  private final HttpServer server;
  private final String secret;
  private final int failFirst;
  private final Map<String, AtomicInteger> tries = new ConcurrentHashMap<>();
  final List<Received> accepted = new CopyOnWriteArrayList<>();
  final List<Received> all = new CopyOnWriteArrayList<>();

  Receiver(String secret, int failFirst) throws IOException {
    this.secret = secret;
    this.failFirst = failFirst;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/hook",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          String delivery = exchange.getRequestHeaders().getFirst("X-AIAppStore-Delivery");
          boolean valid =
              Signature.of(this.secret, body)
                  .equals(exchange.getRequestHeaders().getFirst(Signature.HEADER));
          Received received =
              new Received(
                  delivery,
                  exchange.getRequestHeaders().getFirst("X-AIAppStore-Event"),
                  new String(body, StandardCharsets.UTF_8),
                  valid);
          all.add(received);
          int attempt = tries.computeIfAbsent(delivery, d -> new AtomicInteger()).incrementAndGet();
          int status = !valid ? 401 : attempt <= this.failFirst ? 500 : 204;
          if (status == 204) {
            accepted.add(received);
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
