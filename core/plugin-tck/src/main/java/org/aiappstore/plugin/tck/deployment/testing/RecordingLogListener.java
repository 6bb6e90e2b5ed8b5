package org.aiappstore.plugin.tck.deployment.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.aiappstore.plugin.api.deployment.LogListener;
import org.aiappstore.plugin.api.error.PlatformException;

/**
 * A {@link LogListener} that records what it gets and lets a test wait for it. It also records
 * contract breaches: overlapping calls and calls after the last one.
 */
public final class RecordingLogListener implements LogListener {

  /**
   * A recorded line.
   *
   * @param pod the pod that wrote it
   * @param container the container that wrote it
   * @param line the text
   * @param timestamp when it was written, or {@code null}
   */
  public record Line(String pod, String container, String line, Instant timestamp) {}

  private final List<Line> lines = new ArrayList<>();
  private final CountDownLatch finished = new CountDownLatch(1);
  private final AtomicInteger ends = new AtomicInteger();
  private final AtomicReference<PlatformException> error = new AtomicReference<>();
  private final AtomicInteger inside = new AtomicInteger();
  private final List<String> breaches = new ArrayList<>();

  /** Creates an empty listener. */
  public RecordingLogListener() {}

  @Override
  public void onLine(String pod, String container, String line, Instant timestamp) {
    enter("onLine");
    try {
      synchronized (this) {
        lines.add(new Line(pod, container, line, timestamp));
        notifyAll();
      }
    } finally {
      inside.decrementAndGet();
    }
  }

  @Override
  public void onEnd() {
    enter("onEnd");
    ends.incrementAndGet();
    inside.decrementAndGet();
    finished.countDown();
  }

  @Override
  public void onError(PlatformException e) {
    enter("onError");
    error.set(e);
    ends.incrementAndGet();
    inside.decrementAndGet();
    finished.countDown();
  }

  /**
   * The lines so far.
   *
   * @return a copy, in delivery order
   */
  public synchronized List<Line> lines() {
    return List.copyOf(lines);
  }

  /**
   * The texts of the lines so far.
   *
   * @return a copy, in delivery order
   */
  public synchronized List<String> texts() {
    return lines.stream().map(Line::line).toList();
  }

  /**
   * Waits until the recorded lines satisfy a condition.
   *
   * @param condition a condition on the lines so far
   * @param timeout how long to wait at most
   * @return whether the condition was met in time
   * @throws InterruptedException if interrupted
   */
  public synchronized boolean awaitLines(Predicate<List<Line>> condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.test(List.copyOf(lines))) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  /**
   * Waits for {@link #onEnd()} or {@link #onError}.
   *
   * @param timeout how long to wait at most
   * @return whether the listener got its last call in time
   * @throws InterruptedException if interrupted
   */
  public boolean awaitFinish(Duration timeout) throws InterruptedException {
    return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * How many last calls ({@code onEnd} or {@code onError}) were made; the contract allows one.
   *
   * @return the count
   */
  public int finishes() {
    return ends.get();
  }

  /**
   * Whether {@link #onEnd()} was the last call.
   *
   * @return {@code true} after a clean end
   */
  public boolean ended() {
    return ends.get() > 0 && error.get() == null;
  }

  /**
   * The error of {@link #onError}, if any.
   *
   * @return the error or {@code null}
   */
  public PlatformException error() {
    return error.get();
  }

  /**
   * Contract breaches seen: overlapping calls, calls after the last one.
   *
   * @return descriptions, empty if none
   */
  public synchronized List<String> breaches() {
    return List.copyOf(breaches);
  }

  private void enter(String call) {
    if (inside.incrementAndGet() > 1) {
      synchronized (this) {
        breaches.add(call + " overlapped another call");
      }
    }
    if (ends.get() > 0) {
      synchronized (this) {
        breaches.add(call + " after the last call");
      }
    }
  }
}
