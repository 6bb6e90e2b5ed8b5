package org.aiappstore.plugin.api.deployment;

import java.util.Objects;

/**
 * One Kubernetes object as a backend would apply it, as a YAML document.
 *
 * @param apiVersion e.g. {@code apps/v1} or {@code serving.knative.dev/v1}
 * @param kind e.g. {@code Deployment}
 * @param name the object name
 * @param yaml the document, without a leading {@code ---}
 */
public record RenderedManifest(String apiVersion, String kind, String name, String yaml) {

  /**
   * Validates the manifest.
   *
   * @param apiVersion e.g. {@code apps/v1}
   * @param kind e.g. {@code Deployment}
   * @param name the object name
   * @param yaml the document
   */
  public RenderedManifest {
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(yaml, "yaml");
  }
}
