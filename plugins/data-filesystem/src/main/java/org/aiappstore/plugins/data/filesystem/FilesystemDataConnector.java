package org.aiappstore.plugins.data.filesystem;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.aiappstore.plugin.api.ConnectionCheck;
import org.aiappstore.plugin.api.data.ByteRange;
import org.aiappstore.plugin.api.data.DataConnector;
import org.aiappstore.plugin.api.data.ObjectInfo;
import org.aiappstore.plugin.api.data.ObjectKeys;
import org.aiappstore.plugin.api.data.StoredObject;
import org.aiappstore.plugin.api.error.PlatformErrors;
import org.aiappstore.plugin.api.error.PlatformException;

/**
 * Stores objects as files: content in {@code <base>/objects/<key>}, content type in {@code
 * <base>/metadata/<key>.properties}. Uploads are written to {@code <base>/tmp} (same filesystem)
 * and moved into place with {@code ATOMIC_MOVE}, so readers and concurrent writers never see a
 * partial file. Every path is checked to stay under the base directory, symlinks included.
 */
final class FilesystemDataConnector implements DataConnector {

  private static final String METADATA_SUFFIX = ".properties";
  private static final String CONTENT_TYPE = "contentType";
  private static final int BUFFER_SIZE = 64 * 1024;
  private static final int MOVE_ATTEMPTS = 5;

  /**
   * The longest file name, in bytes, that Linux filesystems (ext4, XFS, Btrfs, tmpfs) and most
   * others accept ({@code NAME_MAX}).
   */
  static final int MAX_NAME_BYTES = 255;

  /** How long a file in {@code tmp/} stays untouched before it counts as a crashed upload's. */
  static final Duration LEFTOVER_AGE = Duration.ofHours(24);

  private final Path base;
  private final boolean createDirectories;

  /**
   * Key locks, striped: a write moves the content and then the metadata file into place, and a read
   * reads the content's attributes and then the metadata file. Without them, concurrent writers of
   * one key could leave one writer's content with another's content type, and a reader could pair
   * them too. They hold only around those file operations, never while an upload is staged.
   */
  private final ReadWriteLock[] keyLocks = new ReadWriteLock[64];

  private volatile Layout layout;

  /** The real (symlink-free) directories of an initialized store. */
  private record Layout(Path objects, Path metadata, Path tmp) {}

  FilesystemDataConnector(Path base, boolean createDirectories) {
    this.base = base;
    this.createDirectories = createDirectories;
    for (int i = 0; i < keyLocks.length; i++) {
      keyLocks[i] = new ReentrantReadWriteLock();
    }
  }

  private ReadWriteLock lockOf(String key) {
    return keyLocks[Math.floorMod(key.hashCode(), keyLocks.length)];
  }

  @Override
  public ConnectionCheck checkConnection() {
    return ConnectionCheck.timed(
        () -> {
          Layout dirs = layout();
          try {
            Path probe = Files.createTempFile(dirs.tmp(), "check-", ".tmp");
            Files.delete(probe);
          } catch (IOException e) {
            throw new PlatformException(
                PlatformErrors.UNAVAILABLE,
                "Base directory " + base + " is not writable",
                e,
                false);
          }
          return "Base directory " + base + " is writable";
        });
  }

  @Override
  public ObjectInfo put(String key, InputStream data, long length, String contentType) {
    if (data == null) {
      throw PlatformException.invalidArgument("Object data must not be null");
    }
    if (length < -1) {
      throw PlatformException.invalidArgument("Length must be -1 (unknown) or at least 0");
    }
    requireStorableNames(key);
    Layout dirs = layout();
    Path target = resolve(dirs.objects(), key);
    Path metadataTarget = resolve(dirs.metadata(), key + METADATA_SUFFIX);
    String type =
        contentType == null || contentType.isBlank()
            ? ObjectInfo.DEFAULT_CONTENT_TYPE
            : contentType.strip();
    Path content = null;
    Path metadata = null;
    try {
      content = stage(dirs, data, length, key);
      metadata = stageMetadata(dirs, type);
      BasicFileAttributes attributes = Files.readAttributes(content, BasicFileAttributes.class);
      Lock lock = lockOf(key).writeLock();
      lock.lock();
      try {
        requireMetadataPlace(metadataTarget, key);
        moveIntoPlace(content, target, dirs.objects(), key);
        content = null;
        moveIntoPlace(metadata, metadataTarget, dirs.metadata(), key);
        metadata = null;
      } finally {
        lock.unlock();
      }
      return info(key, attributes, type);
    } catch (IOException e) {
      throw failure("write", key, e);
    } finally {
      deleteQuietly(content);
      deleteQuietly(metadata);
    }
  }

  @Override
  public StoredObject get(String key, ByteRange range) {
    ByteRange requested = range == null ? ByteRange.all() : range;
    Layout dirs = layout();
    Path path = resolve(dirs.objects(), key);
    FileChannel channel = null;
    Lock lock = lockOf(key).readLock();
    lock.lock();
    try {
      channel = FileChannel.open(path, StandardOpenOption.READ);
      BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
      if (!attributes.isRegularFile()) {
        throw notFound(key);
      }
      long size = channel.size();
      long length = requested.length(size);
      ObjectInfo info = info(key, attributes, readContentType(dirs, key));
      InputStream stream = new RangeInputStream(channel, requested.start(), length);
      channel = null;
      return new FileStoredObject(info, stream, requested);
    } catch (NoSuchFileException e) {
      throw notFound(key);
    } catch (FileSystemException e) {
      if (!Files.isRegularFile(path)) {
        throw notFound(key);
      }
      throw failure("read", key, e);
    } catch (IOException e) {
      throw failure("read", key, e);
    } finally {
      lock.unlock();
      closeQuietly(channel);
    }
  }

  @Override
  public Optional<ObjectInfo> head(String key) {
    Layout dirs = layout();
    Path path = resolve(dirs.objects(), key);
    Lock lock = lockOf(key).readLock();
    lock.lock();
    try {
      BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
      if (!attributes.isRegularFile()) {
        return Optional.empty();
      }
      return Optional.of(info(key, attributes, readContentType(dirs, key)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (FileSystemException e) {
      if (!Files.isRegularFile(path)) {
        return Optional.empty();
      }
      throw failure("read", key, e);
    } catch (IOException e) {
      throw failure("read", key, e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean delete(String key) {
    Layout dirs = layout();
    Path path = resolve(dirs.objects(), key);
    Path metadata = resolve(dirs.metadata(), key + METADATA_SUFFIX);
    Lock lock = lockOf(key).writeLock();
    lock.lock();
    try {
      if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
        return false;
      }
      boolean existed = Files.deleteIfExists(path);
      Files.deleteIfExists(metadata);
      pruneEmptyParents(path, dirs.objects());
      pruneEmptyParents(metadata, dirs.metadata());
      return existed;
    } catch (IOException e) {
      throw failure("delete", key, e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<ObjectInfo> list(String prefix, int limit) {
    if (limit < 1) {
      throw PlatformException.invalidArgument("List limit must be at least 1, not " + limit);
    }
    String wanted = prefix == null ? "" : prefix;
    Layout dirs = layout();
    Path start = dirs.objects();
    if (!wanted.isEmpty()) {
      // A prefix is valid when some valid key starts with it.
      ObjectKeys.requireValid(wanted + "x");
      int slash = wanted.lastIndexOf('/');
      if (slash > 0) {
        start = resolve(dirs.objects(), wanted.substring(0, slash));
      }
    }
    if (!Files.isDirectory(start, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    TreeSet<String> keys = new TreeSet<>(FilesystemDataConnector::compareKeys);
    try {
      Files.walkFileTree(start, new KeyCollector(dirs.objects(), wanted, limit, keys));
      List<ObjectInfo> result = new ArrayList<>(keys.size());
      for (String key : keys) {
        head(key).ifPresent(result::add);
      }
      return List.copyOf(result);
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw failure("list", wanted, e);
    }
  }

  /**
   * Orders keys by Unicode code point, which is S3's order (the bytes of their UTF-8 encoding).
   * {@link String#compareTo} orders UTF-16 units instead, which puts characters above U+FFFF
   * (emoji, rarer CJK) before those from U+E000 to U+FFFF (such as fullwidth forms), unlike S3.
   */
  static int compareKeys(String a, String b) {
    int i = 0;
    while (i < a.length() && i < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(i);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
    }
    return Integer.compare(a.length(), b.length());
  }

  /** Collects the first {@code limit} keys, in order, of regular files matching a prefix. */
  private static final class KeyCollector extends SimpleFileVisitor<Path> {
    private final Path root;
    private final String prefix;
    private final int limit;
    private final TreeSet<String> keys;

    KeyCollector(Path root, String prefix, int limit, TreeSet<String> keys) {
      this.root = root;
      this.prefix = prefix;
      this.limit = limit;
      this.keys = keys;
    }

    @Override
    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
      if (dir.equals(root)) {
        return FileVisitResult.CONTINUE;
      }
      String directory = keyOf(dir) + "/";
      boolean related = directory.startsWith(prefix) || prefix.startsWith(directory);
      boolean beyondLimit = keys.size() == limit && compareKeys(directory, keys.last()) > 0;
      return related && !beyondLimit ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
      if (attributes.isRegularFile()) {
        String key = keyOf(file);
        if (key.startsWith(prefix)) {
          keys.add(key);
          if (keys.size() > limit) {
            keys.pollLast();
          }
        }
      }
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
      if (e instanceof NoSuchFileException) {
        return FileVisitResult.CONTINUE;
      }
      throw e;
    }

    private String keyOf(Path path) {
      StringBuilder key = new StringBuilder();
      for (Path segment : root.relativize(path)) {
        if (key.length() > 0) {
          key.append('/');
        }
        key.append(segment);
      }
      return key.toString();
    }
  }

  private Layout layout() {
    Layout current = layout;
    if (current != null) {
      return current;
    }
    synchronized (this) {
      if (layout == null) {
        layout = createLayout();
      }
      return layout;
    }
  }

  private Layout createLayout() {
    try {
      if (!Files.exists(base)) {
        if (!createDirectories) {
          throw new PlatformException(
              PlatformErrors.UNAVAILABLE,
              "Base directory "
                  + base
                  + " does not exist and createDirectories is false: create it or mount it",
              null,
              false);
        }
        Files.createDirectories(base);
      }
      if (!Files.isDirectory(base)) {
        throw new PlatformException(
            PlatformErrors.UNAVAILABLE, "Base path " + base + " is not a directory", null, false);
      }
      Path real = base.toRealPath();
      Layout created =
          new Layout(
              Files.createDirectories(real.resolve("objects")).toRealPath(),
              Files.createDirectories(real.resolve("metadata")).toRealPath(),
              Files.createDirectories(real.resolve("tmp")).toRealPath());
      removeLeftovers(created.tmp());
      return created;
    } catch (IOException e) {
      throw PlatformException.unavailable("Cannot use base directory " + base, e);
    }
  }

  /**
   * Deletes the staged files of uploads that a crash or a kill cut off, which nothing else removes:
   * files in {@code tmp/} untouched for {@link #LEFTOVER_AGE}. An upload being staged writes to its
   * file continuously and moves it within seconds of the last byte, so only leftovers are this old,
   * also when several servers share the directory.
   */
  private static void removeLeftovers(Path tmp) {
    Instant cutoff = Instant.now().minus(LEFTOVER_AGE);
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(tmp)) {
      for (Path entry : entries) {
        try {
          BasicFileAttributes attributes =
              Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
          if (attributes.isRegularFile()
              && attributes.lastModifiedTime().toInstant().isBefore(cutoff)) {
            Files.deleteIfExists(entry);
          }
        } catch (IOException e) {
          // Gone meanwhile, or not ours to delete: the next start tries again.
        }
      }
    } catch (IOException e) {
      // The store works with leftovers; they only take space.
    }
  }

  /**
   * Resolves a key under a root, rejecting anything that would leave it: invalid keys, paths that
   * normalize outside and existing parents that are symlinks pointing outside.
   */
  private static Path resolve(Path root, String key) {
    ObjectKeys.requireValid(key);
    Path path;
    try {
      path = root.resolve(key).normalize();
    } catch (InvalidPathException e) {
      throw PlatformException.invalidArgument("Object key is not a valid path on this store");
    }
    if (!path.startsWith(root) || path.equals(root)) {
      throw escape();
    }
    Path existing = path;
    while (!existing.equals(root) && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      existing = existing.getParent();
    }
    try {
      if (!existing.toRealPath().startsWith(root)) {
        throw escape();
      }
    } catch (IOException e) {
      throw escape();
    }
    return path;
  }

  /**
   * Rejects a key that the filesystem could not hold before anything is written: otherwise the
   * content could be moved into place and the metadata file, whose name is longer, then fail.
   */
  private static void requireStorableNames(String key) {
    ObjectKeys.requireValid(key);
    String[] segments = key.split("/");
    for (int i = 0; i < segments.length; i++) {
      String name = i == segments.length - 1 ? segments[i] + METADATA_SUFFIX : segments[i];
      if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
        throw PlatformException.invalidArgument(
            "Each '/'-separated segment of an object key must be at most "
                + (i == segments.length - 1
                    ? MAX_NAME_BYTES - METADATA_SUFFIX.length() + " bytes (last segment)"
                    : MAX_NAME_BYTES + " bytes")
                + " in UTF-8 on the filesystem store");
      }
    }
  }

  private static PlatformException escape() {
    return PlatformException.invalidArgument("Object key resolves outside the store");
  }

  private static Path stage(Layout dirs, InputStream data, long length, String key)
      throws IOException {
    Path staged = dirs.tmp().resolve("upload-" + UUID.randomUUID());
    long copied = 0;
    try (FileChannel channel =
            FileChannel.open(staged, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        OutputStream out = Channels.newOutputStream(channel)) {
      byte[] buffer = new byte[BUFFER_SIZE];
      // A known length is read one byte past, enough to tell that more arrived: a source longer
      // than declared is not copied to the disk to its end.
      long limit = length < 0 ? Long.MAX_VALUE : length + 1;
      for (int n;
          copied < limit
              && (n = data.read(buffer, 0, (int) Math.min(buffer.length, limit - copied))) >= 0; ) {
        out.write(buffer, 0, n);
        copied += n;
      }
      out.flush();
      channel.force(true);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(staged);
      throw e;
    }
    if (length >= 0 && copied != length) {
      deleteQuietly(staged);
      throw PlatformException.invalidArgument(
          "Object '"
              + key
              + "' was declared as "
              + length
              + " bytes but "
              + (copied > length ? "more" : copied)
              + " arrived");
    }
    return staged;
  }

  private static Path stageMetadata(Layout dirs, String contentType) throws IOException {
    Path staged = dirs.tmp().resolve("metadata-" + UUID.randomUUID());
    Properties properties = new Properties();
    properties.setProperty(CONTENT_TYPE, contentType);
    try (FileChannel channel =
            FileChannel.open(staged, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        Writer writer =
            new BufferedWriter(
                new OutputStreamWriter(
                    Channels.newOutputStream(channel), StandardCharsets.UTF_8))) {
      properties.store(writer, null);
      writer.flush();
      channel.force(true);
    }
    return staged;
  }

  /**
   * Moves a staged file onto its target atomically, creating parents; retries when a concurrent
   * delete prunes a parent directory in between.
   */
  private static void moveIntoPlace(Path staged, Path target, Path root, String key)
      throws IOException {
    for (int attempt = 1; ; attempt++) {
      try {
        Files.createDirectories(target.getParent());
        resolve(root, root.relativize(target).toString().replace('\\', '/'));
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(target.getParent());
        return;
      } catch (FileAlreadyExistsException | NotDirectoryException e) {
        throw conflict(key);
      } catch (NoSuchFileException e) {
        if (attempt >= MOVE_ATTEMPTS) {
          throw e;
        }
      } catch (FileSystemException e) {
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
          throw conflict(key);
        }
        throw e;
      }
    }
  }

  /**
   * Fails with CONFLICT, before the content moves, when the metadata file cannot take its place:
   * the metadata of key {@code a} is the file {@code a.properties}, which the key {@code
   * a.properties/b} needs as a directory, and the other way round. Checked after the move, the
   * content would already be stored under the key of an upload reported as failed.
   */
  private static void requireMetadataPlace(Path metadataTarget, String key) throws IOException {
    try {
      Files.createDirectories(metadataTarget.getParent());
    } catch (FileAlreadyExistsException | NotDirectoryException e) {
      throw conflict(key);
    }
    if (Files.isDirectory(metadataTarget, LinkOption.NOFOLLOW_LINKS)) {
      throw conflict(key);
    }
  }

  private static PlatformException conflict(String key) {
    return new PlatformException(
        PlatformErrors.CONFLICT,
        "Object key '" + key + "' conflicts with an existing object or prefix of the same path");
  }

  private static String readContentType(Layout dirs, String key) throws IOException {
    Path metadata = resolve(dirs.metadata(), key + METADATA_SUFFIX);
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(metadata, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (NoSuchFileException e) {
      return ObjectInfo.DEFAULT_CONTENT_TYPE;
    }
    return properties.getProperty(CONTENT_TYPE, ObjectInfo.DEFAULT_CONTENT_TYPE);
  }

  private static ObjectInfo info(String key, BasicFileAttributes attributes, String contentType) {
    return new ObjectInfo(
        key,
        attributes.size(),
        contentType,
        attributes.lastModifiedTime().toInstant(),
        etag(attributes));
  }

  /** A cheap value that changes when a write replaces the file: size, mtime and file identity. */
  private static String etag(BasicFileAttributes attributes) {
    long hash = 1125899906842597L;
    hash = 31 * hash + attributes.size();
    hash = 31 * hash + attributes.lastModifiedTime().toInstant().getEpochSecond();
    hash = 31 * hash + attributes.lastModifiedTime().toInstant().getNano();
    Object fileKey = attributes.fileKey();
    hash = 31 * hash + (fileKey == null ? 0 : fileKey.hashCode());
    hash ^= hash >>> 33;
    hash *= 0xff51afd7ed558ccdL;
    hash ^= hash >>> 33;
    return String.format("%016x", hash);
  }

  private static void pruneEmptyParents(Path path, Path root) {
    for (Path dir = path.getParent(); dir != null && !dir.equals(root); dir = dir.getParent()) {
      try {
        Files.delete(dir);
      } catch (IOException e) {
        // Not empty (another object lives there), already gone, or not ours to remove.
        return;
      }
    }
  }

  private static PlatformException notFound(String key) {
    return PlatformException.notFound("No object with key '" + key + "'");
  }

  private PlatformException failure(String operation, String key, IOException e) {
    return PlatformException.unavailable(
        "Cannot " + operation + " '" + key + "' in the filesystem store", e);
  }

  /**
   * Makes a rename in {@code directory} durable: the file's own {@code force} covers its bytes, not
   * the directory entry that now names it, so after a power loss the key could still name the old
   * content or nothing. Where a directory cannot be opened for this (Windows), the move stays as
   * durable as the filesystem makes it.
   */
  private static void syncDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Not supported here; the content itself is already on disk.
    }
  }

  private static void deleteQuietly(Path path) {
    if (path != null) {
      try {
        Files.deleteIfExists(path);
      } catch (IOException e) {
        // A leftover file in tmp/ is harmless and never listed.
      }
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // Closing a read-only channel loses nothing.
      }
    }
  }

  /** An open object: its metadata and a bounded stream of the requested range. */
  private record FileStoredObject(ObjectInfo info, InputStream stream, ByteRange range)
      implements StoredObject {
    @Override
    public void close() throws IOException {
      stream.close();
    }
  }
}
