package org.aiappstore.app.export;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipFile;
import org.bson.Document;

/**
 * The JSON of a bundle, which may come from anywhere: its entries parsed as documents, and their
 * fields taken only when they have the type the import expects.
 */
final class ForeignJson {

  private ForeignJson() {}

  static Document read(ZipFile zip, String name) throws IOException {
    try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
      return Document.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  static boolean isWhole(Object value) {
    return value instanceof Integer || value instanceof Long;
  }

  static String string(Object value) {
    return value instanceof String text ? text : null;
  }
}
