package org.aiappstore.plugins.kubernetes;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.aiappstore.plugin.api.error.PlatformException;

/**
 * A {@link PodLogSource} in memory that behaves like the Kubernetes API: {@code sinceTime} at
 * second precision, {@code tailLines}, and follow streams that either end after the lines written
 * so far (like the mock server, or a dropped connection) or stay open and receive new lines until
 * ended ({@link #holdOpen}).
 */
final class FakeLogSource implements PodLogSource {

  private record Line(Instant time, String text) {}

  private final List<PodInfo> pods = new CopyOnWriteArrayList<>();
  private final Map<String, List<Line>> logs = new ConcurrentHashMap<>();
  private final List<OpenStream> open = new CopyOnWriteArrayList<>();
  private final Map<String, String> notRunning = new ConcurrentHashMap<>();
  final AtomicInteger opens = new AtomicInteger();
  final AtomicInteger closes = new AtomicInteger();
  volatile boolean appExists = true;
  volatile boolean holdOpen;

  void addPod(String name, Instant created, String... containers) {
    pods.add(new PodInfo(name, List.of(containers), created));
  }

  /** The pod's containers wait to start: opening their log fails as the API server's 400 does. */
  void notRunning(String pod, String reason) {
    notRunning.put(pod, reason);
  }

  void removePod(String name) {
    pods.removeIf(pod -> pod.name().equals(name));
    endStreams();
  }

  void append(String pod, String container, Instant time, String text) {
    String key = pod + "/" + container;
    logs.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(new Line(time, text));
    for (OpenStream stream : open) {
      if (stream.key.equals(key)) {
        stream.push(time + " " + text + "\n");
      }
    }
  }

  /** Ends every open stream, as a container restart or a dropped connection does. */
  void endStreams() {
    open.forEach(OpenStream::end);
  }

  @Override
  public List<PodInfo> pods() {
    if (!appExists) {
      throw PlatformException.notFound("The app no longer exists");
    }
    return List.copyOf(pods);
  }

  @Override
  public LogStream open(
      String pod, String container, Instant since, Integer tailLines, boolean follow) {
    opens.incrementAndGet();
    if (pods.stream().noneMatch(p -> p.name().equals(pod))) {
      throw PlatformException.notFound("No pod " + pod);
    }
    if (notRunning.containsKey(pod)) {
      throw new NotRunningException(
          "container \""
              + container
              + "\" in pod \""
              + pod
              + "\" is waiting to start: "
              + notRunning.get(pod),
          null);
    }
    String key = pod + "/" + container;
    List<Line> lines = new ArrayList<>();
    for (Line line : logs.getOrDefault(key, List.of())) {
      if (since == null || !line.time.isBefore(since.truncatedTo(ChronoUnit.SECONDS))) {
        lines.add(line);
      }
    }
    if (tailLines != null) {
      lines = lines.subList(Math.max(0, lines.size() - tailLines), lines.size());
    }
    StringBuilder text = new StringBuilder();
    lines.forEach(line -> text.append(line.time).append(' ').append(line.text).append('\n'));
    if (follow && holdOpen) {
      OpenStream stream = new OpenStream(key);
      stream.push(text.toString());
      open.add(stream);
      return stream;
    }
    InputStream in = new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8));
    return new LogStream() {
      @Override
      public InputStream input() {
        return in;
      }

      @Override
      public void close() {
        closes.incrementAndGet();
      }
    };
  }

  int openStreams() {
    return open.size();
  }

  private final class OpenStream extends InputStream implements LogStream {
    private static final byte[] END = new byte[0];
    private final String key;
    private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
    private byte[] current = new byte[0];
    private int position;
    private boolean ended;

    OpenStream(String key) {
      this.key = key;
    }

    void push(String text) {
      if (!text.isEmpty()) {
        chunks.add(text.getBytes(StandardCharsets.UTF_8));
      }
    }

    void end() {
      chunks.add(END);
    }

    @Override
    public InputStream input() {
      return this;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      if (ended) {
        return -1;
      }
      while (position >= current.length) {
        try {
          current = chunks.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          ended = true;
          return -1;
        }
        position = 0;
        if (current == END) {
          ended = true;
          open.remove(this);
          return -1;
        }
      }
      int n = Math.min(length, current.length - position);
      System.arraycopy(current, position, buffer, offset, n);
      position += n;
      return n;
    }

    @Override
    public void close() {
      closes.incrementAndGet();
      open.remove(this);
      chunks.add(END);
    }
  }
}
