package org.aiappstore.app.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.bson.Document;

/**
 * An exported bundle opened for changes and written back with a manifest that lists every entry
 * with its true size and SHA-256: what someone building a bundle by hand can do, so it passes
 * {@link BundleReader} and only the import's own checks stand between it and the database.
 */
final class TamperedBundle {

  private final Map<String, byte[]> entries = new LinkedHashMap<>();
  private final Document manifest;

  TamperedBundle(Path bundle) throws IOException {
    try (ZipFile zip = new ZipFile(bundle.toFile())) {
      Enumeration<? extends ZipEntry> all = zip.entries();
      while (all.hasMoreElements()) {
        ZipEntry entry = all.nextElement();
        try (InputStream in = zip.getInputStream(entry)) {
          entries.put(entry.getName(), in.readAllBytes());
        }
      }
    }
    manifest = Document.parse(text(entries.remove(BundleFormat.MANIFEST)));
  }

  /** The stored card of {@code card.json}, changed in place by {@code edit}. */
  TamperedBundle card(String cardId, Consumer<Document> edit) {
    Document entry = json(BundleFormat.card(cardId));
    edit.accept(entry.get("card", Document.class));
    entries.put(BundleFormat.card(cardId), bytes(BundleFormat.json(entry)));
    return this;
  }

  /** The card's content, changed in place by {@code edit}. */
  TamperedBundle content(String cardId, Consumer<Document> edit) {
    return card(cardId, card -> edit.accept(card.get("content", Document.class)));
  }

  /** The stored revisions of {@code revisions.json}, changed in place by {@code edit}. */
  TamperedBundle revisions(String cardId, Consumer<List<Document>> edit) {
    return revisions(cardId, 1, edit);
  }

  /** The stored revisions of part {@code part} of the card's history, changed by {@code edit}. */
  TamperedBundle revisions(String cardId, int part, Consumer<List<Document>> edit) {
    String name = BundleFormat.revisions(cardId, part);
    Document entry = json(name);
    List<Document> revisions = new ArrayList<>(entry.getList("revisions", Document.class));
    edit.accept(revisions);
    entry.put("revisions", revisions);
    entries.put(name, bytes(BundleFormat.json(entry)));
    return this;
  }

  /** The {@code meta.json} of a media file, changed in place by {@code edit}. */
  TamperedBundle mediaMeta(String mediaId, Consumer<Document> edit) {
    Document meta = json(BundleFormat.mediaMeta(mediaId));
    edit.accept(meta);
    entries.put(BundleFormat.mediaMeta(mediaId), bytes(BundleFormat.json(meta)));
    return this;
  }

  /** Any entry, replaced by {@code content} as it is. */
  TamperedBundle entry(String path, byte[] content) {
    entries.put(path, content);
    return this;
  }

  TamperedBundle mediaContent(String mediaId, byte[] content) {
    entries.put(BundleFormat.mediaContent(mediaId), content);
    return this;
  }

  byte[] mediaContent(String mediaId) {
    return entries.get(BundleFormat.mediaContent(mediaId));
  }

  /** The manifest's entry of the card, changed in place by {@code edit}. */
  TamperedBundle listed(String cardId, Consumer<Document> edit) {
    edit.accept(
        manifest.getList("cards", Document.class).stream()
            .filter(c -> c.getString("id").equals(cardId))
            .findFirst()
            .orElseThrow());
    return this;
  }

  Path write(Path file) throws IOException {
    List<Document> listed = new ArrayList<>();
    entries.forEach(
        (path, content) ->
            listed.add(
                new Document("path", path)
                    .append("size", (long) content.length)
                    .append("sha256", Installation.sha256(content))));
    manifest.put("entries", listed);
    try (OutputStream out = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry(BundleFormat.MANIFEST));
      zip.write(bytes(BundleFormat.manifestJson(manifest)));
      zip.closeEntry();
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(entry.getKey()));
        zip.write(entry.getValue());
        zip.closeEntry();
      }
    }
    return file;
  }

  private Document json(String path) {
    return Document.parse(text(entries.get(path)));
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
