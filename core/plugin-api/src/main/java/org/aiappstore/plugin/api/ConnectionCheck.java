package org.aiappstore.plugin.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.aiappstore.plugin.api.error.PlatformException;

/**
 * The outcome of {@link Connector#checkConnection()}.
 *
 * @param ok whether the connection works
 * @param retryable whether trying again later may succeed (meaningful when not ok)
 * @param detail a message for an administrator; never contains secrets
 * @param durationMs how long the check took, in milliseconds
 */
public record ConnectionCheck(boolean ok, boolean retryable, String detail, long durationMs) {

  /**
   * Validates the result.
   *
   * @param ok whether the connection works
   * @param retryable whether trying again later may succeed (meaningful when not ok)
   * @param detail a message for an administrator; never contains secrets
   * @param durationMs how long the check took, in milliseconds
   */
  public ConnectionCheck {
    detail = detail == null ? "" : detail;
    if (durationMs < 0) {
      throw new IllegalArgumentException("durationMs must not be negative: " + durationMs);
    }
  }

  /**
   * A successful check.
   *
   * @param detail what was checked, e.g. "Bucket 'models' is readable"
   * @param durationMs how long the check took
   * @return the result
   */
  public static ConnectionCheck ok(String detail, long durationMs) {
    return new ConnectionCheck(true, false, detail, durationMs);
  }

  /**
   * A failed check.
   *
   * @param retryable whether trying again later may succeed
   * @param detail why it failed
   * @param durationMs how long the check took
   * @return the result
   */
  public static ConnectionCheck failed(boolean retryable, String detail, long durationMs) {
    return new ConnectionCheck(false, retryable, detail, durationMs);
  }

  /**
   * Runs a probe, measures it and turns its outcome into a result; never throws a {@link
   * RuntimeException}.
   *
   * <p>A probe returning normally gives an ok result with the returned detail. A {@link
   * PlatformException} gives a failed result retryable as the exception says; any other runtime
   * exception gives a failed result that is retryable when it stems from I/O or a timeout.
   *
   * @param probe the check to run; returns a detail message on success
   * @return the result
   */
  public static ConnectionCheck timed(Supplier<String> probe) {
    Objects.requireNonNull(probe, "probe");
    long start = System.nanoTime();
    try {
      String detail = probe.get();
      return ok(detail == null || detail.isBlank() ? "Connected" : detail, elapsedMs(start));
    } catch (PlatformException e) {
      return failed(e.retryable(), messageOf(e), elapsedMs(start));
    } catch (RuntimeException e) {
      return failed(isIoRelated(e), messageOf(e), elapsedMs(start));
    }
  }

  private static long elapsedMs(long startNanos) {
    return Math.max(0, (System.nanoTime() - startNanos) / 1_000_000);
  }

  private static String messageOf(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? "Connection check failed" : message;
  }

  private static boolean isIoRelated(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof IOException
          || t instanceof UncheckedIOException
          || t instanceof TimeoutException) {
        return true;
      }
    }
    return false;
  }
}
