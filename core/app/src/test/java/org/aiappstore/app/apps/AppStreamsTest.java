package org.aiappstore.app.apps;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.io.StringReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.aiappstore.app.config.ConfigKey;
import org.aiappstore.app.config.TestingSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** App event streams on a real scheduler, with a sink that records what the client would get. */
class AppStreamsTest {

  private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
  private final AppStreams streams = new AppStreams();
  private Level logLevel;

  @BeforeEach
  void setUp() {
    streams.scheduler = managed(executor);
    streams.settings = new TestingSettings(Map.of(ConfigKey.APPS_STREAMS_PER_USER, "1"));
    Logger log = Logger.getLogger(AppStreams.class.getName());
    logLevel = log.getLevel();
    log.setLevel(Level.OFF); // the failure below is logged as a warning on purpose
  }

  @AfterEach
  void tearDown() {
    streams.closeAll();
    executor.shutdownNow();
    Logger.getLogger(AppStreams.class.getName()).setLevel(logLevel);
  }

  @Test
  void shouldEndAStatusStreamAndFreeItsPlaceWhenAPollThrowsAnError() throws InterruptedException {
    RecordingSink failing = new RecordingSink();
    Supplier<Optional<JsonObject>> brokenPlugin =
        () -> {
          throw new NoClassDefFoundError("org/example/MissingFromThePlugin");
        };

    streams.status("alice", failing, RecordingSink.SSE, () -> {}, brokenPlugin);

    assertThat(failing.closed.await(10, TimeUnit.SECONDS)).as("stream closed").isTrue();
    assertThat(failing.events).containsExactly("error INTERNAL retryable");
    assertThat(streams.openStreams()).isZero();

    // The user's only place (the limit is 1 here) is free again: a new stream is admitted.
    RecordingSink next = new RecordingSink();
    streams.status("alice", next, RecordingSink.SSE, () -> {}, Optional::empty);
    assertThat(next.closed.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(next.events).containsExactly("end");
  }

  /** The scheduler's own methods, as Liberty's managed one would run them. */
  private static ManagedScheduledExecutorService managed(ScheduledExecutorService delegate) {
    return (ManagedScheduledExecutorService)
        Proxy.newProxyInstance(
            AppStreamsTest.class.getClassLoader(),
            new Class<?>[] {ManagedScheduledExecutorService.class},
            (proxy, method, args) -> {
              try {
                return method.invoke(delegate, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  /** Records each event as "name", plus the error's code and whether it is retryable. */
  private static final class RecordingSink implements SseEventSink {

    static final Sse SSE = sse();

    final List<String> events = new CopyOnWriteArrayList<>();
    final CountDownLatch closed = new CountDownLatch(1);

    @Override
    public boolean isClosed() {
      return closed.getCount() == 0;
    }

    @Override
    public CompletionStage<?> send(OutboundSseEvent event) {
      if ("error".equals(event.getName())) {
        JsonObject error =
            Json.createReader(new StringReader(event.getData().toString())).readObject();
        events.add(
            "error "
                + error.getString("code")
                + (error.getBoolean("retryable") ? " retryable" : ""));
      } else if (event.getName() != null) {
        events.add(event.getName());
      }
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void close() {
      closed.countDown();
    }

    /** An {@link Sse} whose events carry only a name, data and a comment. */
    private static Sse sse() {
      return (Sse)
          Proxy.newProxyInstance(
              AppStreamsTest.class.getClassLoader(),
              new Class<?>[] {Sse.class},
              (proxy, method, args) -> {
                if (!method.getName().equals("newEventBuilder")) {
                  throw new UnsupportedOperationException(method.getName());
                }
                return builder();
              });
    }

    private static OutboundSseEvent.Builder builder() {
      Map<String, Object> fields = new HashMap<>();
      return (OutboundSseEvent.Builder)
          Proxy.newProxyInstance(
              AppStreamsTest.class.getClassLoader(),
              new Class<?>[] {OutboundSseEvent.Builder.class},
              (builder, method, args) -> {
                if (method.getName().equals("build")) {
                  return event(fields);
                }
                fields.put(method.getName(), args[args.length - 1]);
                return builder;
              });
    }

    private static OutboundSseEvent event(Map<String, Object> fields) {
      return (OutboundSseEvent)
          Proxy.newProxyInstance(
              AppStreamsTest.class.getClassLoader(),
              new Class<?>[] {OutboundSseEvent.class},
              (event, method, args) -> field(fields, method));
    }

    private static Object field(Map<String, Object> fields, Method method) {
      return switch (method.getName()) {
        case "getName" -> fields.get("name");
        case "getData" -> fields.get("data");
        case "getComment" -> fields.get("comment");
        default -> throw new UnsupportedOperationException(method.getName());
      };
    }
  }
}
