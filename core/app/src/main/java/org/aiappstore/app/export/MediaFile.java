package org.aiappstore.app.export;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.aiappstore.app.media.MediaFormat;

/** A media file of a card: its id here, and what its bytes are. */
record MediaFile(
    String id, boolean reused, MediaFormat format, long size, String sha256, String name) {

  /** The bundle ids of {@code files} stored under another id here → that id. */
  static Map<String, String> renamed(Map<String, MediaFile> files) {
    Map<String, String> renamed = new LinkedHashMap<>();
    files.forEach(
        (bundleId, file) -> {
          if (!file.id().equals(bundleId)) {
            renamed.put(bundleId, file.id());
          }
        });
    return renamed;
  }

  /** The ids here of {@code files}. */
  static Set<String> ids(Map<String, MediaFile> files) {
    Set<String> ids = new LinkedHashSet<>();
    files.values().forEach(file -> ids.add(file.id()));
    return ids;
  }
}
