package org.aiappstore.app.apps.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBodyTest {

  /** Takes one piece at a time, when told to. */
  private static final class Reader implements Flow.Subscriber<ByteBuffer> {
    private Flow.Subscription subscription;
    private final StringBuilder read = new StringBuilder();
    private final CompletableFuture<String> done = new CompletableFuture<>();

    void take() {
      subscription.request(1);
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
    }

    @Override
    public void onNext(ByteBuffer piece) {
      read.append(StandardCharsets.UTF_8.decode(piece));
    }

    @Override
    public void onError(Throwable failure) {
      done.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
      done.complete(read.toString());
    }
  }

  private final AtomicLong clock = new AtomicLong(100);

  @Test
  void shouldPassTheBodyAndNoteWhenEachPieceWasTaken() {
    ProgressBody body =
        new ProgressBody(
            HttpRequest.BodyPublishers.ofByteArrays(List.of(bytes("a "), bytes("body"))),
            clock::get);
    Reader reader = new Reader();

    clock.set(105);
    body.subscribe(reader);
    assertThat(body.lastProgress()).as("nothing taken yet").isEqualTo(100);

    reader.take();
    assertThat(body.lastProgress()).isEqualTo(105);

    clock.set(109);
    reader.take();
    assertThat(body.lastProgress()).isEqualTo(109);
    assertThat(reader.done).isCompletedWithValue("a body");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
