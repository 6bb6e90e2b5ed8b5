package org.aiappstore.plugins.data.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.aiappstore.plugin.api.error.PlatformErrors;
import org.aiappstore.plugin.api.error.PlatformException;
import org.aiappstore.plugin.tck.data.GeneratedContent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PartPipelineTest {

  private static final int PART = 1024;

  private final ExecutorService executor = Executors.newCachedThreadPool();

  @AfterEach
  void stopThreads() {
    executor.shutdownNow();
  }

  /** Keeps what it is given, per part number, and counts the uploads running at once. */
  private static final class RecordingUploader implements PartPipeline.PartUploader {
    final Map<Integer, byte[]> parts = new ConcurrentHashMap<>();
    final Set<byte[]> buffers =
        Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger mostRunning = new AtomicInteger();

    @Override
    public String upload(int partNumber, byte[] buffer, int length) {
      mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        buffers.add(buffer);
        parts.put(partNumber, Arrays.copyOf(buffer, length));
        return "etag-" + partNumber;
      } finally {
        running.decrementAndGet();
      }
    }

    byte[] joined() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (int n = 1; n <= parts.size(); n++) {
        out.writeBytes(parts.get(n));
      }
      return out.toByteArray();
    }
  }

  private PartPipeline.Result upload(
      int partsInFlight, InputStream data, long length, PartPipeline.PartUploader uploader)
      throws Exception {
    byte[] first = new byte[PART];
    int filled = data.readNBytes(first, 0, (int) (length < 0 ? PART : Math.min(PART, length)));
    return new PartPipeline(executor, partsInFlight)
        .upload("media/x", data, length, first, filled, uploader);
  }

  @Nested
  class WhenTheSourceIsWhole {

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {PART, PART + 1, 5 * PART, 7 * PART + 13})
    void shouldUploadEveryPartInOrderWithItsETag(int size) throws Exception {
      byte[] content = GeneratedContent.bytes(3, 0, size);
      RecordingUploader uploader = new RecordingUploader();

      PartPipeline.Result result = upload(2, new ByteArrayInputStream(content), size, uploader);

      int expectedParts = (size + PART - 1) / PART;
      assertThat(result.size()).isEqualTo(size);
      assertThat(result.parts())
          .extracting(PartPipeline.Part::number)
          .containsExactlyElementsOf(range(1, expectedParts));
      assertThat(result.parts())
          .extracting(PartPipeline.Part::etag)
          .allSatisfy(etag -> assertThat(etag).startsWith("etag-"))
          .doesNotHaveDuplicates();
      assertThat(uploader.joined()).isEqualTo(content);
    }

    @Test
    void shouldStopAtTheEndOfASourceOfUnknownLength() throws Exception {
      byte[] content = GeneratedContent.bytes(4, 0, 3 * PART + 5);
      RecordingUploader uploader = new RecordingUploader();

      PartPipeline.Result result = upload(2, new ByteArrayInputStream(content), -1, uploader);

      assertThat(result.size()).isEqualTo(content.length);
      assertThat(result.parts()).hasSize(4);
      assertThat(uploader.joined()).isEqualTo(content);
    }

    @Test
    void shouldEndWithAFullPartWhenTheUnknownLengthIsAMultipleOfThePartSize() throws Exception {
      byte[] content = GeneratedContent.bytes(5, 0, 3 * PART);
      RecordingUploader uploader = new RecordingUploader();

      PartPipeline.Result result = upload(2, new ByteArrayInputStream(content), -1, uploader);

      assertThat(result.parts()).hasSize(3);
      assertThat(uploader.joined()).isEqualTo(content);
    }

    @ParameterizedTest(name = "{0} in flight")
    @ValueSource(ints = {1, 2, 3})
    void shouldHoldAtMostOnePartMoreThanItUploadsAtOnce(int partsInFlight) throws Exception {
      RecordingUploader uploader = new RecordingUploader();

      upload(partsInFlight, GeneratedContent.stream(6, 40L * PART), 40L * PART, uploader);

      assertThat(uploader.mostRunning.get()).isBetween(1, partsInFlight);
      assertThat(uploader.buffers).hasSizeLessThanOrEqualTo(partsInFlight + 1);
    }
  }

  @Nested
  class WhenReadingAhead {

    @Test
    void shouldReadTheNextPartWhileTheFirstOneUploads() throws Exception {
      CountDownLatch secondPartRead = new CountDownLatch(1);
      AtomicLong read = new AtomicLong();
      InputStream source =
          new FilterInputStream(GeneratedContent.stream(7, 4L * PART)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
              int n = super.read(b, off, len);
              if (n > 0 && read.addAndGet(n) >= 2L * PART) {
                secondPartRead.countDown();
              }
              return n;
            }
          };
      List<Integer> finishedAfterReadAhead = Collections.synchronizedList(new ArrayList<>());
      PartPipeline.PartUploader uploader =
          (partNumber, buffer, length) -> {
            if (partNumber == 1) {
              // Sequential reading and uploading would never get past this.
              try {
                if (secondPartRead.await(30, TimeUnit.SECONDS)) {
                  finishedAfterReadAhead.add(partNumber);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            return "etag-" + partNumber;
          };

      PartPipeline.Result result = upload(1, source, 4L * PART, uploader);

      assertThat(finishedAfterReadAhead).containsExactly(1);
      assertThat(result.parts()).hasSize(4);
    }
  }

  @Nested
  class WhenTheLengthIsWrong {

    @Test
    void shouldRefuseASourceShorterThanDeclared() {
      assertThatThrownBy(
              () ->
                  upload(
                      2,
                      GeneratedContent.stream(8, 3L * PART + 1),
                      5L * PART,
                      new RecordingUploader()))
          .isInstanceOfSatisfying(
              PlatformException.class,
              e -> {
                assertThat(e.errorCode()).isEqualTo(PlatformErrors.INVALID_ARGUMENT);
                assertThat(e.getMessage()).contains("declared as " + 5 * PART);
              });
    }

    @Test
    void shouldRefuseASourceLongerThanDeclared() {
      assertThatThrownBy(
              () ->
                  upload(
                      2,
                      GeneratedContent.stream(9, 3L * PART + 1),
                      3L * PART,
                      new RecordingUploader()))
          .isInstanceOfSatisfying(
              PlatformException.class, e -> assertThat(e.getMessage()).contains("more arrived"));
    }

    @Test
    void shouldRefuseMoreThanTheS3LimitOfParts() {
      byte[] first = new byte[1];

      assertThatThrownBy(
              () ->
                  new PartPipeline(executor, 2)
                      .upload(
                          "media/x",
                          GeneratedContent.stream(10, PartPipeline.MAX_PARTS),
                          -1,
                          first,
                          1,
                          new RecordingUploader()))
          .isInstanceOfSatisfying(
              PlatformException.class,
              e -> assertThat(e.getMessage()).contains("more than " + PartPipeline.MAX_PARTS));
    }
  }

  @Nested
  class WhenSomethingFails {

    @Test
    void shouldStartNoPartAfterAFailedOneAndReturnOnlyWhenNoneRuns() {
      PlatformException refused = PlatformException.unavailable("part 2 refused", null);
      AtomicInteger running = new AtomicInteger();
      Set<Integer> started = ConcurrentHashMap.newKeySet();
      CountDownLatch firstSending = new CountDownLatch(1);
      PartPipeline.PartUploader uploader =
          (partNumber, buffer, length) -> {
            running.incrementAndGet();
            started.add(partNumber);
            try {
              if (partNumber == 2) {
                awaitUninterruptibly(firstSending);
                throw refused;
              }
              if (partNumber == 1) {
                // Still sending when part 2 fails; ends when the pipeline interrupts it.
                firstSending.countDown();
                try {
                  new CountDownLatch(1).await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
              return "etag-" + partNumber;
            } finally {
              running.decrementAndGet();
            }
          };

      assertThatThrownBy(() -> upload(2, GeneratedContent.stream(11, 50L * PART), -1, uploader))
          .isSameAs(refused);
      assertThat(running).hasValue(0);
      assertThat(started).containsOnly(1, 2);
    }

    @Test
    void shouldPassOnTheSourcesOwnErrorOnlyOnceTheRunningPartsEnded() throws Exception {
      PlatformException tooLarge = PlatformException.invalidArgument("too large");
      CountDownLatch sending = new CountDownLatch(1);
      InputStream source =
          new SequenceInputStream(
              GeneratedContent.stream(12, 2L * PART + 100),
              new InputStream() {
                @Override
                public int read() throws IOException {
                  try {
                    // Fails while a part is being sent, like a limit noticed mid-stream.
                    sending.await();
                  } catch (InterruptedException e) {
                    throw new InterruptedIOException();
                  }
                  throw tooLarge;
                }
              });
      CountDownLatch release = new CountDownLatch(1);
      AtomicInteger started = new AtomicInteger();
      AtomicInteger finished = new AtomicInteger();
      PartPipeline.PartUploader uploader =
          (partNumber, buffer, length) -> {
            started.incrementAndGet();
            sending.countDown();
            awaitUninterruptibly(release); // keeps sending, as a socket write would
            finished.incrementAndGet();
            return "etag-" + partNumber;
          };
      ExecutorService caller = Executors.newSingleThreadExecutor();
      try {
        AtomicInteger startedWhenReturned = new AtomicInteger(-1);
        AtomicInteger finishedWhenReturned = new AtomicInteger(-1);
        Future<Throwable> outcome =
            caller.submit(
                () -> {
                  try {
                    upload(2, source, -1, uploader);
                    return null;
                  } catch (Throwable e) {
                    finishedWhenReturned.set(finished.get());
                    startedWhenReturned.set(started.get());
                    return e;
                  }
                });

        assertThat(outcome.isDone()).isFalse();
        release.countDown();

        assertThat(outcome.get(30, TimeUnit.SECONDS)).isSameAs(tooLarge);
        // A part that had not begun sending when the source failed is never sent.
        assertThat(startedWhenReturned.get()).isBetween(1, 2);
        assertThat(finishedWhenReturned).hasValue(startedWhenReturned.get());
      } finally {
        caller.shutdownNow();
      }
    }

    @Test
    void shouldPassOnAReadFailure() {
      InputStream source =
          new SequenceInputStream(
              GeneratedContent.stream(13, 3L * PART),
              new InputStream() {
                @Override
                public int read() throws IOException {
                  throw new IOException("client went away");
                }
              });

      assertThatThrownBy(() -> upload(2, source, 10L * PART, new RecordingUploader()))
          .isInstanceOf(IOException.class)
          .hasMessage("client went away");
    }

    @Test
    void shouldStopWhenInterruptedWhileWaitingForAPart() throws Exception {
      CountDownLatch firstStarted = new CountDownLatch(1);
      AtomicInteger running = new AtomicInteger();
      PartPipeline.PartUploader uploader =
          (partNumber, buffer, length) -> {
            running.incrementAndGet();
            try {
              firstStarted.countDown();
              new CountDownLatch(1).await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            } finally {
              running.decrementAndGet();
            }
            return "etag-" + partNumber;
          };
      ExecutorService caller = Executors.newSingleThreadExecutor();
      try {
        AtomicInteger runningWhenReturned = new AtomicInteger(-1);
        Future<Throwable> outcome =
            caller.submit(
                () -> {
                  try {
                    upload(1, GeneratedContent.stream(14, 10L * PART), -1, uploader);
                    return null;
                  } catch (Throwable e) {
                    runningWhenReturned.set(running.get());
                    return e;
                  }
                });
        assertThat(firstStarted.await(30, TimeUnit.SECONDS)).isTrue();

        caller.shutdownNow();

        assertThat(caller.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        assertThat(runningWhenReturned).hasValue(0);
      } finally {
        caller.shutdownNow();
      }
    }
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        latch.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static List<Integer> range(int from, int to) {
    List<Integer> numbers = new ArrayList<>();
    for (int n = from; n <= to; n++) {
      numbers.add(n);
    }
    return numbers;
  }
}
