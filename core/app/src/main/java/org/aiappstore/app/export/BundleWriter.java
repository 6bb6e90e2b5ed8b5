package org.aiappstore.app.export;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.bson.Document;

/**
 * Writes a bundle to a file, entry by entry, streaming each one and taking its size and SHA-256 on
 * the way; {@link #finish} adds the manifest listing them all.
 */
final class BundleWriter implements AutoCloseable {

  private final ZipOutputStream zip;
  private final List<Document> entries = new ArrayList<>();

  BundleWriter(Path file) throws IOException {
    this.zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(file)));
  }

  void add(String path, InputStream content) throws IOException {
    try (OutputStream entry = open(path)) {
      content.transferTo(entry);
    }
  }

  /**
   * Starts entry {@code path}, for content written piece by piece (a history streamed from the
   * database); closing the stream ends the entry and lists it with its size and SHA-256. One entry
   * at a time: close it before the next.
   */
  OutputStream open(String path) throws IOException {
    zip.putNextEntry(new ZipEntry(path));
    return new EntryStream(path);
  }

  void add(String path, String json) throws IOException {
    add(path, new java.io.ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  /** Writes the manifest: {@code header} plus the list of every entry written. */
  void finish(Document header) throws IOException {
    Document manifest = new Document(header).append("entries", entries);
    zip.putNextEntry(new ZipEntry(BundleFormat.MANIFEST));
    zip.write(BundleFormat.manifestJson(manifest).getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
    zip.finish();
  }

  @Override
  public void close() throws IOException {
    zip.close();
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One entry's content: counted and digested on the way; closing ends the entry, not the zip. */
  private final class EntryStream extends OutputStream {
    private final String path;
    private final MessageDigest digest = sha256();
    private final OutputStream out = new DigestOutputStream(zip, digest);
    private long count;
    private boolean closed;

    EntryStream(String path) {
      this.path = path;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      zip.closeEntry();
      entries.add(
          new Document("path", path)
              .append("size", count)
              .append("sha256", HexFormat.of().formatHex(digest.digest())));
    }
  }
}
