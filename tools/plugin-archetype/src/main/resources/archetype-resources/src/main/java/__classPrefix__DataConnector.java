package ${package};

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.aiappstore.plugin.api.ConnectionCheck;
import org.aiappstore.plugin.api.data.ByteRange;
import org.aiappstore.plugin.api.data.DataConnector;
import org.aiappstore.plugin.api.data.ObjectInfo;
import org.aiappstore.plugin.api.data.ObjectKeys;
import org.aiappstore.plugin.api.data.StoredObject;
import org.aiappstore.plugin.api.error.ErrorCode;
import org.aiappstore.plugin.api.error.ErrorType;
import org.aiappstore.plugin.api.error.PlatformException;

/**
 * Stores each object as one file in a directory. The file is named after the SHA-256 of the key, so
 * no key can escape the directory or clash with another, and holds a small header (key, content
 * type, ETag, write time) followed by the content. A write goes to a temporary file in the same
 * directory which is then moved over the object with {@code ATOMIC_MOVE}: readers see the old or
 * the new object, never a partial one, and concurrent writers leave exactly one complete object.
 * Content is streamed, never held in memory.
 */
final class ${classPrefix}DataConnector implements DataConnector {

  /** This plugin's own error: its namespace is the plugin id. */
  static final ErrorCode DIRECTORY_MISSING =
      new ErrorCode("${pluginId}", "DIRECTORY_MISSING", ErrorType.EXTERNAL, 503);

  private static final String OBJECT_SUFFIX = ".object";
  private static final String UPLOAD_SUFFIX = ".upload";

  private final Path directory;
  private final boolean createDirectory;
  private final Clock clock;

  ${classPrefix}DataConnector(Path directory, boolean createDirectory, Clock clock) {
    this.directory = directory;
    this.createDirectory = createDirectory;
    this.clock = clock;
  }

  @Override
  public ConnectionCheck checkConnection() {
    // timed() turns an exception into a failed result: a connection check never throws.
    return ConnectionCheck.timed(
        () -> {
          requireDirectory();
          if (!Files.isWritable(directory)) {
            throw new PlatformException(
                DIRECTORY_MISSING, "Directory '" + directory + "' is not writable", null, false);
          }
          return "Directory '" + directory + "' is writable";
        });
  }

  @Override
  public ObjectInfo put(String key, InputStream data, long length, String contentType) {
    ObjectKeys.requireValid(key);
    if (data == null) {
      throw PlatformException.invalidArgument("Object data must not be null");
    }
    if (length < -1) {
      throw PlatformException.invalidArgument("Length must be -1 (unknown) or at least 0");
    }
    String type =
        contentType == null || contentType.isBlank()
            ? ObjectInfo.DEFAULT_CONTENT_TYPE
            : contentType.strip();
    String etag = UUID.randomUUID().toString();
    Instant written = Instant.ofEpochMilli(clock.millis());
    requireDirectory();
    Path upload = directory.resolve(etag + UPLOAD_SUFFIX);
    try {
      long size;
      try (OutputStream file =
          Files.newOutputStream(upload, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(file));
        out.writeUTF(key);
        out.writeUTF(type);
        out.writeUTF(etag);
        out.writeLong(written.toEpochMilli());
        size = data.transferTo(out);
        out.flush();
      }
      if (length >= 0 && size != length) {
        throw PlatformException.invalidArgument(
            "Object '" + key + "' was declared as " + length + " bytes but " + size + " arrived");
      }
      Files.move(
          upload,
          objectFile(key),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      return new ObjectInfo(key, size, type, written, etag);
    } catch (IOException e) {
      throw PlatformException.unavailable("Could not store object '" + key + "'", e);
    } finally {
      deleteQuietly(upload);
    }
  }

  @Override
  public StoredObject get(String key, ByteRange range) {
    ObjectKeys.requireValid(key);
    ByteRange requested = range == null ? ByteRange.all() : range;
    FileChannel channel = open(key).orElseThrow(() -> notFound(key));
    try {
      ObjectInfo info = readHeader(channel);
      long contentStart = channel.position();
      long length = requested.length(info.size());
      channel.position(contentStart + requested.start());
      InputStream content =
          new LimitedInputStream(new BufferedInputStream(Channels.newInputStream(channel)), length);
      return new FileStoredObject(info, content, requested);
    } catch (IOException e) {
      closeQuietly(channel);
      throw PlatformException.unavailable("Could not read object '" + key + "'", e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  @Override
  public Optional<ObjectInfo> head(String key) {
    ObjectKeys.requireValid(key);
    Optional<FileChannel> opened = open(key);
    if (opened.isEmpty()) {
      return Optional.empty();
    }
    try (FileChannel channel = opened.get()) {
      return Optional.of(readHeader(channel));
    } catch (IOException e) {
      throw PlatformException.unavailable("Could not read object '" + key + "'", e);
    }
  }

  @Override
  public boolean delete(String key) {
    ObjectKeys.requireValid(key);
    try {
      return Files.deleteIfExists(objectFile(key));
    } catch (IOException e) {
      throw PlatformException.unavailable("Could not delete object '" + key + "'", e);
    }
  }

  /** LIST is not declared: the platform error NOT_SUPPORTED, which the TCK checks. */
  @Override
  public List<ObjectInfo> list(String prefix, int limit) {
    throw PlatformException.notSupported("This data connector does not list objects");
  }

  @Override
  public String toString() {
    return "${classPrefix}DataConnector[" + directory + "]";
  }

  private void requireDirectory() {
    if (Files.isDirectory(directory)) {
      return;
    }
    if (!createDirectory) {
      throw new PlatformException(
          DIRECTORY_MISSING, "Directory '" + directory + "' does not exist", null, false);
    }
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new PlatformException(
          DIRECTORY_MISSING, "Cannot create directory '" + directory + "'", e, false);
    }
  }

  private Path objectFile(String key) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return directory.resolve(HexFormat.of().formatHex(hash) + OBJECT_SUFFIX);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }

  /** Opens an object file for reading, or returns empty if there is no such object. */
  private Optional<FileChannel> open(String key) {
    try {
      return Optional.of(FileChannel.open(objectFile(key), StandardOpenOption.READ));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw PlatformException.unavailable("Could not open object '" + key + "'", e);
    }
  }

  /** Reads the header and leaves the channel positioned at the first byte of content. */
  private static ObjectInfo readHeader(FileChannel channel) throws IOException {
    // DataInputStream reads exactly the bytes it decodes, so the position ends after the header.
    DataInputStream in = new DataInputStream(Channels.newInputStream(channel));
    String key = in.readUTF();
    String contentType = in.readUTF();
    String etag = in.readUTF();
    Instant written = Instant.ofEpochMilli(in.readLong());
    long size = channel.size() - channel.position();
    return new ObjectInfo(key, size, contentType, written, etag);
  }

  private static PlatformException notFound(String key) {
    return PlatformException.notFound("No object with key '" + key + "'");
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A leftover upload wastes space but holds no object: the failure that matters is reported.
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // Closing after a failure: the failure that matters is reported.
    }
  }

  /** An open object; closing it closes the file. */
  private record FileStoredObject(ObjectInfo info, InputStream stream, ByteRange range)
      implements StoredObject {
    @Override
    public void close() throws IOException {
      stream.close();
    }
  }

  /** Ends after a number of bytes: the end of a range. */
  private static final class LimitedInputStream extends FilterInputStream {
    private long remaining;

    LimitedInputStream(InputStream in, long limit) {
      super(in);
      this.remaining = limit;
    }

    @Override
    public int read() throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int b = super.read();
      if (b >= 0) {
        remaining--;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (length == 0) {
        return 0;
      }
      if (remaining <= 0) {
        return -1;
      }
      int n = super.read(buffer, offset, (int) Math.min(length, remaining));
      if (n > 0) {
        remaining -= n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(Math.min(n, remaining));
      remaining -= skipped;
      return skipped;
    }

    @Override
    public int available() throws IOException {
      return (int) Math.min(super.available(), remaining);
    }

    @Override
    public boolean markSupported() {
      return false;
    }
  }
}
