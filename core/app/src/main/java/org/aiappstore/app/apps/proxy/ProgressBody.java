package org.aiappstore.app.apps.proxy;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.function.LongSupplier;

/**
 * A request body on its way up to the app that notes when the app last took a piece of it. The
 * proxy's wait for the app's answer runs from then ({@link #lastProgress()}): an upload slower than
 * the wait is not cut off, and an app that stops taking the request is given up on like one that
 * does not answer.
 */
final class ProgressBody implements HttpRequest.BodyPublisher {

  private final HttpRequest.BodyPublisher body;
  private final LongSupplier nanoTime;
  private volatile long lastProgress;

  /** {@code nanoTime}: {@link System#nanoTime()}, but in tests. */
  ProgressBody(HttpRequest.BodyPublisher body, LongSupplier nanoTime) {
    this.body = body;
    this.nanoTime = nanoTime;
    this.lastProgress = nanoTime.getAsLong();
  }

  /** When ({@code nanoTime}) the body was made, last sent a piece, or ended. */
  long lastProgress() {
    return lastProgress;
  }

  @Override
  public long contentLength() {
    return body.contentLength();
  }

  @Override
  public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
    body.subscribe(
        new Flow.Subscriber<ByteBuffer>() {
          @Override
          public void onSubscribe(Flow.Subscription subscription) {
            subscriber.onSubscribe(subscription);
          }

          @Override
          public void onNext(ByteBuffer piece) {
            lastProgress = nanoTime.getAsLong();
            subscriber.onNext(piece);
          }

          @Override
          public void onError(Throwable failure) {
            subscriber.onError(failure);
          }

          @Override
          public void onComplete() {
            lastProgress = nanoTime.getAsLong();
            subscriber.onComplete();
          }
        });
  }
}
