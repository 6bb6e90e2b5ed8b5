package org.aiappstore.app.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * A bounded wait for the status and headers of an answer from {@link HttpClient#sendAsync}; the
 * exchange is cancelled (its connection closed) when the wait ends without them.
 *
 * <p>Not {@link HttpRequest.Builder#timeout}: up to JDK 25 it covers only the wait for the headers,
 * so a body that stalls blocks a {@code send} for good (JDK-8208693), and from JDK 26 it covers the
 * body too, which would cut a stream that is meant to stay open.
 */
public final class AnswerWait {

  private AnswerWait() {}

  /** The answer, if its head arrives within {@code timeout}. */
  public static <T> T within(CompletableFuture<T> answer, Duration timeout)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    return until(answer, () -> deadline);
  }

  /**
   * The answer, if its head arrives before {@code deadline} ({@link System#nanoTime()} based),
   * which is asked again when reached and may have moved on meanwhile.
   *
   * @throws HttpTimeoutException if it did not
   * @throws IOException the exchange's own failure, e.g. {@link java.net.ConnectException}
   */
  public static <T> T until(CompletableFuture<T> answer, LongSupplier deadline)
      throws IOException, InterruptedException {
    try {
      while (true) {
        long left = deadline.getAsLong() - System.nanoTime();
        // A head that came just as the wait ended is taken (cancel fails): its body is open.
        if (left <= 0 && answer.cancel(true)) {
          throw new HttpTimeoutException("no answer in time");
        }
        try {
          return answer.get(Math.max(0, left), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
          // the deadline is looked at again
        }
      }
    } catch (InterruptedException e) {
      answer.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      throw failure(e.getCause());
    }
  }

  private static IOException failure(Throwable cause) {
    if (cause instanceof IOException io) {
      return io;
    }
    if (cause instanceof UncheckedIOException unchecked) {
      return unchecked.getCause();
    }
    if (cause instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new IOException(cause);
  }
}
