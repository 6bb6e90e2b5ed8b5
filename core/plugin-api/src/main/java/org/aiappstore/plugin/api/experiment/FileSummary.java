package org.aiappstore.plugin.api.experiment;

import java.util.List;

/**
 * The files of a dataset version, summarized.
 *
 * @param count the number of files
 * @param totalSize their total size in bytes
 * @param firstEntries the relative paths of the first few files, for a preview; may be empty
 */
public record FileSummary(long count, long totalSize, List<String> firstEntries) {

  /**
   * Validates the summary.
   *
   * @param count the number of files, not negative
   * @param totalSize their total size in bytes, not negative
   * @param firstEntries the first few relative paths; {@code null} for none
   */
  public FileSummary {
    if (count < 0 || totalSize < 0) {
      throw new IllegalArgumentException(
          "File count and size must not be negative: " + count + ", " + totalSize);
    }
    firstEntries = firstEntries == null ? List.of() : List.copyOf(firstEntries);
  }
}
