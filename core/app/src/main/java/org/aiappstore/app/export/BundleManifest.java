package org.aiappstore.app.export;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.aiappstore.app.problem.JsonLimits;
import org.aiappstore.app.problem.JsonPointer;
import org.aiappstore.app.problem.Problem;
import org.aiappstore.app.problem.ProblemException;
import org.bson.Document;

/**
 * The manifest of a bundle, read before anything else of it: within a size and a shape (nesting,
 * number of values) that follow from the number of entries allowed, checked before it is parsed; of
 * the format version this server reads, and holding only the fields this format writes.
 */
final class BundleManifest {

  private BundleManifest() {}

  /**
   * The most bytes a manifest may have: a real one takes about 240 per entry (its line, and its
   * card's share), and a card of a single entry at most about 1000 (a 120-character title,
   * warnings). Each part of a long history is an entry with a line of its own, so it brings its own
   * allowance and the caps need not know how many parts a bundle has.
   */
  static long maxBytes(BundleLimits limits) {
    return 64 * 1024 + 2048L * limits.maxEntries();
  }

  /** 4 values per entry line; a card has about 10, and one per media file, which has 2 entries. */
  private static JsonLimits shape(BundleLimits limits) {
    return new JsonLimits(ForeignJson.MAX_DEPTH, 1024 + 16L * limits.maxEntries());
  }

  /** The manifest of {@code zip}, refused with a 413 or 422 problem when it is none to read. */
  static Document read(ZipFile zip, BundleLimits limits) {
    Document manifest = parse(zip, limits);
    Object version = manifest.get("formatVersion");
    if (!(version instanceof Number v) || v.intValue() != BundleFormat.VERSION) {
      throw BundleReader.invalid(
          "UNSUPPORTED_BUNDLE_VERSION",
          "This server reads bundle format " + BundleFormat.VERSION + ".",
          List.of(
              new Problem.FieldError(
                  "/manifest/formatVersion",
                  "is " + version + "; only " + BundleFormat.VERSION + " is supported")));
    }
    List<Problem.FieldError> unknown = new ArrayList<>();
    for (String member : manifest.keySet()) {
      if (!BundleFormat.MANIFEST_FIELDS.contains(member)) {
        unknown.add(
            new Problem.FieldError(
                "/manifest/" + JsonPointer.escape(member), "is not a field of the manifest"));
      }
    }
    if (!unknown.isEmpty()) {
      throw BundleReader.invalid("INVALID_BUNDLE", "The manifest has unknown fields.", unknown);
    }
    return manifest;
  }

  private static Document parse(ZipFile zip, BundleLimits limits) {
    long maxBytes = maxBytes(limits);
    try {
      return ForeignJson.parse(zip, BundleFormat.MANIFEST, maxBytes, shape(limits));
    } catch (ForeignJson.Unfit e) {
      List<Problem.FieldError> error =
          List.of(BundleReader.entryError(BundleFormat.MANIFEST, e.getMessage()));
      if (e.tooLarge()) {
        throw new ProblemException(
            413,
            "BUNDLE_TOO_LARGE",
            "The manifest is larger than "
                + maxBytes
                + " bytes, the most for "
                + limits.maxEntries()
                + " entries.",
            error,
            Map.of());
      }
      throw BundleReader.invalid("INVALID_BUNDLE", "The manifest " + e.getMessage() + ".", error);
    } catch (IOException e) {
      throw BundleReader.invalid(
          "INVALID_BUNDLE",
          "The manifest cannot be read.",
          List.of(
              BundleReader.entryError(BundleFormat.MANIFEST, "cannot be read: " + e.getMessage())));
    }
  }

  /**
   * The objects of list {@code member}, absent being empty; for each element that is no object a
   * {@code null} and an error naming it.
   */
  static List<Document> objects(Document manifest, String member, List<Problem.FieldError> errors) {
    Object value = manifest.get(member);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      errors.add(new Problem.FieldError("/manifest/" + member, "must be a list of objects"));
      return List.of();
    }
    List<Document> objects = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) instanceof Document object) {
        objects.add(object);
      } else {
        errors.add(new Problem.FieldError("/manifest/" + member + "/" + i, "must be an object"));
        objects.add(null);
      }
    }
    return objects;
  }
}
