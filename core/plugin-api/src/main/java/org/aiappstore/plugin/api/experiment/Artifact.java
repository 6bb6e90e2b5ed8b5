package org.aiappstore.plugin.api.experiment;

import java.util.Objects;

/**
 * A file or model stored with an experiment or dataset.
 *
 * @param type what it is: {@code model} for output models, otherwise the tracker's type (e.g.
 *     {@code pandas}, {@code file}, {@code directory}, {@code dataset-input})
 * @param name the artifact name or path
 * @param url where the tracker stores it ({@code s3://...}, {@code https://...}, ...), or {@code
 *     null} if unknown; never contains credentials from the connector configuration
 * @param framework the ML framework of a model (e.g. {@code PyTorch}), or {@code null}
 * @param size the size in bytes, or {@code null} if unknown
 */
public record Artifact(String type, String name, String url, String framework, Long size) {

  /**
   * Validates the artifact.
   *
   * @param type what it is
   * @param name the artifact name or path
   * @param url where the tracker stores it, or {@code null}
   * @param framework the ML framework of a model, or {@code null}
   * @param size the size in bytes, or {@code null}
   */
  public Artifact {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(name, "name");
    if (size != null && size < 0) {
      throw new IllegalArgumentException("Artifact '" + name + "' has a negative size: " + size);
    }
  }
}
