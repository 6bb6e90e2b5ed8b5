package org.aiappstore.app.export;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.aiappstore.app.problem.JsonPointer;
import org.aiappstore.app.problem.Problem;
import org.aiappstore.app.problem.ProblemException;
import org.bson.Document;

/**
 * Checks a bundle before anything of it is used: only entry names this format writes (so no {@code
 * ../} or absolute path can even be expressed), no more entries than allowed, a manifest this
 * server reads ({@link BundleManifest}), every entry listed in the manifest with its size and
 * SHA-256 and every listed entry present, no more inflated bytes than allowed, no entry the import
 * parses over the JSON limit, and the parts of each history without a gap. Sizes are counted while
 * inflating, never taken from the headers, which a zip bomb lies in. Every refusal is a 422 (413
 * for the size limits) with a pointer to the manifest field or bundle entry at fault.
 */
final class BundleReader {

  private BundleReader() {}

  /** The verified manifest; the caller keeps {@code zip} open to read entries. */
  static Document verify(ZipFile zip, BundleLimits limits) {
    if (zip.size() > limits.maxEntries()) {
      throw new ProblemException(
          413,
          "BUNDLE_TOO_LARGE",
          "The bundle has "
              + zip.size()
              + " entries; at most "
              + limits.maxEntries()
              + " are allowed.");
    }
    List<Problem.FieldError> errors = new ArrayList<>();
    Set<String> names = new HashSet<>();
    Enumeration<? extends ZipEntry> all = zip.entries();
    while (all.hasMoreElements()) {
      String name = all.nextElement().getName();
      if (!names.add(name)) {
        errors.add(entryError(name, "appears twice"));
      } else if (isUnsafe(name)) {
        errors.add(entryError(name, "is not a safe relative path"));
      } else if (!name.equals(BundleFormat.MANIFEST)
          && !BundleFormat.ENTRY.matcher(name).matches()) {
        errors.add(entryError(name, "is not an entry of this bundle format"));
      }
    }
    if (!names.contains(BundleFormat.MANIFEST)) {
      errors.add(entryError(BundleFormat.MANIFEST, "is missing"));
    }
    refuseIf(errors);

    Document manifest = BundleManifest.read(zip, limits);
    Map<String, Document> listed = new LinkedHashMap<>();
    List<Document> entries = BundleManifest.objects(manifest, "entries", errors);
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i) == null) {
        continue;
      }
      Object path = entries.get(i).get("path");
      if (!(path instanceof String p) || !names.contains(p) || p.equals(BundleFormat.MANIFEST)) {
        errors.add(
            new Problem.FieldError("/manifest/entries/" + i, "names no entry of the bundle"));
      } else {
        listed.put(p, entries.get(i));
      }
    }
    for (String name : names) {
      if (!name.equals(BundleFormat.MANIFEST) && !listed.containsKey(name)) {
        errors.add(entryError(name, "is not listed in the manifest"));
      }
    }
    refuseIf(errors);
    checkContent(zip, listed, limits, errors);
    refuseIf(errors);
    checkCards(manifest, listed.keySet(), errors);
    checkHistoryParts(listed.keySet(), errors);
    refuseIf(errors);
    return manifest;
  }

  /**
   * Each part of a history after the first follows the one before it, so that an import reading the
   * parts in order until one is missing reads them all: a gap would drop revisions silently.
   */
  private static void checkHistoryParts(Set<String> listed, List<Problem.FieldError> errors) {
    for (String name : listed) {
      Matcher part = BundleFormat.LATER_PART.matcher(name);
      if (part.matches()) {
        String previous =
            BundleFormat.revisions(part.group(1), Integer.parseInt(part.group(2)) - 1);
        if (!listed.contains(previous)) {
          errors.add(entryError(name, "follows no " + previous));
        }
      }
    }
  }

  /**
   * Each listed entry has the size and SHA-256 the manifest gives, counted while inflating; the
   * whole stays within the inflated limit, and an entry the import parses within the JSON limit.
   */
  private static void checkContent(
      ZipFile zip,
      Map<String, Document> listed,
      BundleLimits limits,
      List<Problem.FieldError> errors) {
    long inflated = 0;
    for (Map.Entry<String, Document> listedEntry : listed.entrySet()) {
      String name = listedEntry.getKey();
      Document expected = listedEntry.getValue();
      long maxSize =
          BundleFormat.PARSED.matcher(name).matches() ? limits.maxJsonEntryBytes() : Long.MAX_VALUE;
      MessageDigest digest = BundleWriter.sha256();
      long size = 0;
      try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) > 0) {
          size += n;
          inflated += n;
          if (inflated > limits.maxUncompressedBytes()) {
            throw new ProblemException(
                413,
                "BUNDLE_TOO_LARGE",
                "The bundle inflates to more than "
                    + limits.maxUncompressedBytes()
                    + " bytes, the most allowed.");
          }
          if (size > maxSize) {
            throw new ProblemException(
                413,
                "BUNDLE_TOO_LARGE",
                name
                    + " is larger than "
                    + maxSize
                    + " bytes, the most an import reads as one JSON document"
                    + " (aiappstore.import.max-json-entry-bytes).",
                List.of(entryError(name, "is larger than " + maxSize + " bytes")),
                Map.of());
          }
          digest.update(buffer, 0, n);
        }
      } catch (IOException e) {
        errors.add(entryError(name, "cannot be read: " + e.getMessage()));
        continue;
      }
      String sha = HexFormat.of().formatHex(digest.digest());
      if (!sha.equalsIgnoreCase(String.valueOf(expected.get("sha256")))) {
        errors.add(entryError(name, "does not match its SHA-256 in the manifest"));
      } else if (!(expected.get("size") instanceof Number s) || s.longValue() != size) {
        errors.add(entryError(name, "does not have the size the manifest gives"));
      }
    }
  }

  /** Each listed card has its card entry, and the media it names are in the bundle. */
  private static void checkCards(
      Document manifest, Set<String> listed, List<Problem.FieldError> errors) {
    List<Document> cards = BundleManifest.objects(manifest, "cards", errors);
    for (int i = 0; i < cards.size(); i++) {
      if (cards.get(i) == null) {
        continue;
      }
      Object id = cards.get(i).get("id");
      if (!(id instanceof String cardId) || !listed.contains(BundleFormat.card(cardId))) {
        errors.add(new Problem.FieldError("/manifest/cards/" + i + "/id", "names no card entry"));
        continue;
      }
      Object media = cards.get(i).get("media");
      if (media instanceof List<?> list) {
        for (Object mediaId : list) {
          if (!(mediaId instanceof String m)
              || !listed.contains(BundleFormat.mediaContent(m))
              || !listed.contains(BundleFormat.mediaMeta(m))) {
            errors.add(
                new Problem.FieldError(
                    "/manifest/cards/" + i + "/media",
                    "names a media file missing from the bundle"));
          }
        }
      }
    }
  }

  static ZipFile open(Path file) {
    try {
      return new ZipFile(file.toFile());
    } catch (ZipException e) {
      throw invalid(
          "INVALID_BUNDLE",
          "The upload is not a zip file.",
          List.of(new Problem.FieldError("", "is not a zip file")));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Anything that could leave the directory it would be extracted to, on any platform. */
  static boolean isUnsafe(String name) {
    if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.contains(":")) {
      return true;
    }
    for (String segment : name.split("/", -1)) {
      if (segment.equals("..") || segment.equals(".") || segment.isEmpty()) {
        return true;
      }
    }
    return false;
  }

  static Problem.FieldError entryError(String name, String detail) {
    return new Problem.FieldError("/entries/" + JsonPointer.escape(name), detail);
  }

  private static void refuseIf(List<Problem.FieldError> errors) {
    if (!errors.isEmpty()) {
      // A hostile bundle can have thousands of bad entries; the first ones tell the story.
      throw invalid(
          "INVALID_BUNDLE",
          "The bundle is not valid; nothing was imported.",
          errors.subList(0, Math.min(errors.size(), 50)));
    }
  }

  static ProblemException invalid(String code, String detail, List<Problem.FieldError> errors) {
    return new ProblemException(422, code, detail, errors, Map.of());
  }
}
