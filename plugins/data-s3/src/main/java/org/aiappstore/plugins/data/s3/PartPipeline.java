package org.aiappstore.plugins.data.s3;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import org.aiappstore.plugin.api.error.PlatformException;

/**
 * Cuts a stream into numbered parts and uploads them while reading ahead: the calling thread reads
 * part n + 1 while up to {@code partsInFlight} earlier parts upload on an executor, so that reading
 * the source and sending to S3 overlap. At most {@code partsInFlight + 1} part buffers exist, and
 * they are reused from part to part.
 *
 * <p>When anything fails (the source, a part upload, a length check, an interrupt), no further part
 * starts, the running uploads are interrupted, and {@link #upload} returns only once none of them
 * is running any more: the caller may then abort the multipart upload without a part landing after
 * the abort.
 */
final class PartPipeline {

  /** Limit of the S3 protocol. */
  static final int MAX_PARTS = 10_000;

  /** Uploads one part and returns its ETag. */
  @FunctionalInterface
  interface PartUploader {
    String upload(int partNumber, byte[] buffer, int length);
  }

  /** An uploaded part. */
  record Part(int number, String etag) {}

  /** What was uploaded: the parts in order and the number of bytes. */
  record Result(List<Part> parts, long size) {}

  private final Executor executor;
  private final int partsInFlight;

  PartPipeline(Executor executor, int partsInFlight) {
    if (partsInFlight < 1) {
      throw new IllegalArgumentException("At least one part must be in flight");
    }
    this.executor = executor;
    this.partsInFlight = partsInFlight;
  }

  /**
   * Uploads {@code first} (the first {@code filled} bytes of the source, already read into a buffer
   * of the part size) and the rest of {@code data}.
   *
   * @param key the object's key, for messages
   * @param length the declared length of the whole object, or -1 when unknown
   * @throws PlatformException INVALID_ARGUMENT when the source is shorter or longer than declared
   *     or needs more than {@value #MAX_PARTS} parts; the first failure of a part upload as thrown
   *     by the uploader
   * @throws IOException when reading the source failed
   * @throws InterruptedException when interrupted while waiting for a part upload
   */
  Result upload(
      String key, InputStream data, long length, byte[] first, int filled, PartUploader uploader)
      throws IOException, InterruptedException {
    Run run = new Run(first, uploader);
    try {
      long total = 0;
      byte[] buffer = first;
      int partNumber = 0;
      while (true) {
        if (length >= 0 && filled < Math.min(buffer.length, length - total)) {
          throw shortUpload(key, length, total + filled);
        }
        if (++partNumber > MAX_PARTS) {
          throw PlatformException.invalidArgument(
              "Object '" + key + "' needs more than " + MAX_PARTS + " parts: raise partSize");
        }
        run.start(partNumber, buffer, filled);
        total += filled;
        if (length >= 0 && total == length) {
          if (data.read() >= 0) {
            throw PlatformException.invalidArgument(
                "Object '" + key + "' was declared as " + length + " bytes but more arrived");
          }
          break;
        }
        buffer = run.freeBuffer();
        int wanted = (int) (length < 0 ? buffer.length : Math.min(buffer.length, length - total));
        filled = data.readNBytes(buffer, 0, wanted);
        run.throwIfFailed();
        if (filled == 0) {
          if (length < 0) {
            break;
          }
          throw shortUpload(key, length, total);
        }
      }
      return new Result(run.finish(), total);
    } finally {
      run.stop();
    }
  }

  private static PlatformException shortUpload(String key, long declared, long arrived) {
    return PlatformException.invalidArgument(
        "Object '" + key + "' was declared as " + declared + " bytes but " + arrived + " arrived");
  }

  /** The state of one upload: its running parts, spare buffers and first failure. */
  private final class Run {
    private final PartUploader uploader;
    private final int partSize;
    private final Semaphore slots = new Semaphore(partsInFlight);
    private final Deque<byte[]> spare = new ArrayDeque<>();
    private final List<PartTask> tasks = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private int buffers = 1;

    Run(byte[] first, PartUploader uploader) {
      this.uploader = uploader;
      this.partSize = first.length;
    }

    /** Starts uploading a part once fewer than {@code partsInFlight} are running. */
    void start(int partNumber, byte[] buffer, int length) throws InterruptedException {
      slots.acquire();
      PartTask task = new PartTask(partNumber, buffer, length);
      try {
        throwIfFailed();
        executor.execute(task);
      } catch (RuntimeException | Error e) {
        // Never started: its slot and buffer come back here.
        giveBack(buffer);
        throw e;
      }
      tasks.add(task);
    }

    /**
     * A buffer for the next part. Each running upload holds one buffer and at most {@code
     * partsInFlight} run, so one of the {@code partsInFlight + 1} buffers is always spare.
     */
    byte[] freeBuffer() {
      synchronized (spare) {
        byte[] buffer = spare.poll();
        if (buffer != null) {
          return buffer;
        }
      }
      buffers++;
      if (buffers > partsInFlight + 1) {
        throw new IllegalStateException("More part buffers than parts in flight plus one");
      }
      return new byte[partSize];
    }

    void throwIfFailed() {
      Throwable failed = failure.get();
      if (failed instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (failed instanceof Error error) {
        throw error;
      }
      if (failed != null) {
        throw new IllegalStateException("A part upload failed", failed);
      }
    }

    /** Waits for every part and returns them in order. */
    List<Part> finish() throws InterruptedException {
      slots.acquire(partsInFlight);
      slots.release(partsInFlight);
      throwIfFailed();
      List<Part> parts = new ArrayList<>(tasks.size());
      for (PartTask task : tasks) {
        parts.add(new Part(task.partNumber, task.etag));
      }
      return parts;
    }

    /**
     * Returns once no part upload is running: after {@link #finish()} at once; after a failure,
     * once the running uploads, interrupted, have given their slots back.
     */
    void stop() {
      if (slots.availablePermits() == partsInFlight) {
        return;
      }
      failure.compareAndSet(null, new IllegalStateException("The upload stopped"));
      for (PartTask task : tasks) {
        task.interrupt();
      }
      slots.acquireUninterruptibly(partsInFlight);
      slots.release(partsInFlight);
    }

    private void giveBack(byte[] buffer) {
      synchronized (spare) {
        spare.push(buffer);
      }
      slots.release();
    }

    /** One part upload; it gives its buffer and slot back when it has really finished. */
    private final class PartTask implements Runnable {
      private final int partNumber;
      private final byte[] buffer;
      private final int length;
      private volatile String etag;
      private Thread runner;

      PartTask(int partNumber, byte[] buffer, int length) {
        this.partNumber = partNumber;
        this.buffer = buffer;
        this.length = length;
      }

      @Override
      public void run() {
        synchronized (this) {
          runner = Thread.currentThread();
        }
        try {
          if (failure.get() == null) {
            etag = uploader.upload(partNumber, buffer, length);
          }
        } catch (RuntimeException | Error e) {
          failure.compareAndSet(null, e);
        } finally {
          synchronized (this) {
            runner = null;
            // An interrupt meant for this part must not hit the next task of the pool thread.
            Thread.interrupted();
          }
          giveBack(buffer);
        }
      }

      synchronized void interrupt() {
        if (runner != null) {
          runner.interrupt();
        }
      }
    }
  }
}
