package org.aiappstore.app.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Whether a bundle just exported could be imported on this server: an export of many cards with
 * videos can outgrow the import's limits on the upload, the number of entries or the bytes they
 * inflate to, and an import would then refuse it whole. The export still succeeds (the bundle is a
 * backup, and another server's limits may be higher); its result says which limit it passes.
 */
final class BundleFit {

  private BundleFit() {}

  /** One sentence per import limit the bundle passes; empty when it fits them all. */
  static List<String> beyondImportLimits(Path bundle, BundleLimits limits) throws IOException {
    List<String> beyond = new ArrayList<>();
    long size = Files.size(bundle);
    if (size > limits.maxBytes()) {
      beyond.add(
          "it is "
              + size
              + " bytes, more than an import accepts ("
              + limits.maxBytes()
              + ", aiappstore.import.max-bytes)");
    }
    try (ZipFile zip = new ZipFile(bundle.toFile())) {
      if (zip.size() > limits.maxEntries()) {
        beyond.add(
            "it has "
                + zip.size()
                + " entries, more than an import accepts ("
                + limits.maxEntries()
                + ", aiappstore.import.max-entries)");
      }
      long inflated = 0;
      for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
        inflated += Math.max(0, entries.nextElement().getSize());
      }
      if (inflated > limits.maxUncompressedBytes()) {
        beyond.add(
            "its entries hold "
                + inflated
                + " bytes, more than an import inflates ("
                + limits.maxUncompressedBytes()
                + ", aiappstore.import.max-uncompressed-bytes)");
      }
    }
    return beyond;
  }
}
