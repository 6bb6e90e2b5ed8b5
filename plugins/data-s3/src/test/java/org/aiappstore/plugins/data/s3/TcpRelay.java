package org.aiappstore.plugins.data.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP relay between a client and a server on the loopback interface, to see what happens on the
 * wire: it counts the bytes the server sent and the connections, and can drop the connection
 * instead of passing on the answer to one request, as a network losing an answer does.
 */
final class TcpRelay implements AutoCloseable {

  private static final Pattern REQUEST_LINE = Pattern.compile("(?m)^([A-Z]+ \\S+ HTTP/1\\.1)\r\n");

  private final ServerSocket listener;
  private final URI target;
  private final AtomicLong bytesFromServer = new AtomicLong();
  private final AtomicInteger connections = new AtomicInteger();
  private final Set<Socket> open = new HashSet<>();
  private final AtomicReference<Predicate<String>> dropAnswerTo = new AtomicReference<>();
  private final AtomicReference<Runnable> meanwhile = new AtomicReference<>();
  private final AtomicInteger droppedAnswers = new AtomicInteger();
  private final AtomicReference<CannedAnswer> cannedAnswer = new AtomicReference<>();

  private TcpRelay(ServerSocket listener, URI target) {
    this.listener = listener;
    this.target = target;
  }

  /** Starts relaying connections from a free loopback port to an {@code http://host:port}. */
  static TcpRelay start(URI target) throws IOException {
    ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    TcpRelay relay = new TcpRelay(listener, target);
    daemon("relay-accept", relay::acceptLoop).start();
    return relay;
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + listener.getLocalPort());
  }

  /** Bytes the server sent that were passed on to a client. */
  long bytesFromServer() {
    return bytesFromServer.get();
  }

  /** Connections accepted so far. */
  int connections() {
    return connections.get();
  }

  /** Client connections not closed yet. */
  synchronized int openConnections() {
    return open.size();
  }

  /**
   * Waits until every client connection is closed.
   *
   * @param guard how long to wait at most
   * @return whether they were before the guard ran out
   */
  synchronized boolean awaitNoOpenConnection(Duration guard) throws InterruptedException {
    long deadline = System.nanoTime() + guard.toNanos();
    for (long left = guard.toNanos(); !open.isEmpty(); left = deadline - System.nanoTime()) {
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  private synchronized void opened(Socket client) {
    open.add(client);
  }

  private synchronized void closed(Socket client) {
    open.remove(client);
    notifyAll();
  }

  /**
   * For the next request whose request line (e.g. {@code POST /b/k?uploadId=1 HTTP/1.1}) matches,
   * the request reaches the server, which acts on it, but its answer never reaches the client: once
   * the server has sent all of it (it must have a chunked body, as S3's answers with XML have), the
   * connection to the client is reset.
   */
  void dropTheAnswerToTheNext(Predicate<String> requestLine) {
    dropTheAnswerToTheNext(requestLine, () -> {});
  }

  /**
   * As {@link #dropTheAnswerToTheNext(Predicate)}, and runs an action once the server has answered
   * and before the client learns that the connection is lost, e.g. another client's request.
   */
  void dropTheAnswerToTheNext(Predicate<String> requestLine, Runnable meanwhile) {
    this.meanwhile.set(meanwhile);
    dropAnswerTo.set(requestLine);
  }

  /**
   * Answers the next request whose request line matches itself, without passing it on, as another
   * server would answer it, and closes the connection.
   *
   * @param requestLine selects the request
   * @param answer the whole HTTP answer, with {@code Connection: close}
   */
  void answerTheNext(Predicate<String> requestLine, String answer) {
    cannedAnswer.set(new CannedAnswer(requestLine, answer));
  }

  /** Answers dropped so far. */
  int droppedAnswers() {
    return droppedAnswers.get();
  }

  @Override
  public void close() throws IOException {
    listener.close();
    List<Socket> clients;
    synchronized (this) {
      clients = List.copyOf(open);
    }
    for (Socket client : clients) {
      client.close();
    }
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        relay(listener.accept());
      } catch (IOException e) {
        // The listener was closed.
      }
    }
  }

  private void relay(Socket client) throws IOException {
    Socket server = new Socket();
    try {
      server.connect(new InetSocketAddress(target.getHost(), target.getPort()), 10_000);
    } catch (IOException e) {
      // The client sees its connection closed, as it would see the server's refusal.
      client.close();
      return;
    }
    connections.incrementAndGet();
    opened(client);
    Connection connection = new Connection(client, server);
    daemon("relay-up", connection::relayRequests).start();
    daemon("relay-down", connection::relayAnswers).start();
  }

  private static Thread daemon(String name, Runnable action) {
    Thread thread = new Thread(action, name);
    thread.setDaemon(true);
    return thread;
  }

  /** One client connection and its connection to the server. */
  private final class Connection {
    private final Socket client;
    private final Socket server;
    private volatile boolean dropNextAnswer;

    Connection(Socket client, Socket server) {
      this.client = client;
      this.server = server;
    }

    void relayRequests() {
      byte[] buffer = new byte[64 * 1024];
      try (InputStream in = client.getInputStream()) {
        OutputStream out = server.getOutputStream();
        for (int n; (n = in.read(buffer)) >= 0; ) {
          String data = new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
          CannedAnswer canned = cannedAnswer.get();
          if (canned != null
              && matches(data, canned.requestLine())
              && cannedAnswer.compareAndSet(canned, null)) {
            answer(in, canned.answer());
            return;
          }
          // HTTP/1.1 without pipelining: once a request is sent, what the server sends next on
          // this connection is its answer.
          Predicate<String> armed = dropAnswerTo.get();
          if (armed != null && matches(data, armed) && dropAnswerTo.compareAndSet(armed, null)) {
            dropNextAnswer = true;
          }
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // One side closed the connection.
      } finally {
        closeBoth();
      }
    }

    void relayAnswers() {
      byte[] buffer = new byte[64 * 1024];
      try (InputStream in = server.getInputStream()) {
        OutputStream out = client.getOutputStream();
        for (int n; (n = in.read(buffer)) >= 0; ) {
          if (dropNextAnswer) {
            // The server's whole answer, so that it has done all it answers for: S3 (and S3Proxy)
            // send 200 and the headers of a CompleteMultipartUpload's answer at once, and its
            // body only once the upload is complete.
            awaitEndOfChunkedAnswer(in, new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            meanwhile.get().run();
            droppedAnswers.incrementAndGet();
            // A reset, as when a middlebox or a restarting load balancer loses the connection.
            client.setSoLinger(true, 0);
            break;
          }
          out.write(buffer, 0, n);
          out.flush();
          bytesFromServer.addAndGet(n);
        }
      } catch (IOException e) {
        // One side closed the connection.
      } finally {
        closeBoth();
      }
    }

    /** Reads and drops an answer with a chunked body up to its last, empty chunk. */
    private void awaitEndOfChunkedAnswer(InputStream in, String start) throws IOException {
      if (!start.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
        throw new IllegalStateException("Can only drop a chunked answer, not " + start);
      }
      StringBuilder tail = new StringBuilder(start);
      byte[] buffer = new byte[8192];
      while (!tail.toString().endsWith("\r\n0\r\n\r\n")) {
        int n = in.read(buffer);
        if (n < 0) {
          return;
        }
        tail.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
        tail.delete(0, Math.max(0, tail.length() - 16));
      }
    }

    /**
     * Sends an answer and reads what else the client sends until it closes the connection: closing
     * a socket with unread data would reset the connection and could destroy the answer.
     */
    private void answer(InputStream in, String answer) throws IOException {
      OutputStream out = client.getOutputStream();
      out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      client.shutdownOutput();
      in.transferTo(OutputStream.nullOutputStream());
    }

    private void closeBoth() {
      try {
        client.close();
      } catch (IOException e) {
        // Closed already.
      }
      try {
        server.close();
      } catch (IOException e) {
        // Closed already.
      }
      closed(client);
    }
  }

  private static boolean matches(String data, Predicate<String> requestLine) {
    Matcher line = REQUEST_LINE.matcher(data);
    while (line.find()) {
      if (requestLine.test(line.group(1))) {
        return true;
      }
    }
    return false;
  }

  private record CannedAnswer(Predicate<String> requestLine, String answer) {}
}
