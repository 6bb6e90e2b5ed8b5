package org.aiappstore.plugin.api.deployment;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The Kubernetes objects of an app as a backend renders them, in the order it applies them. Secret
 * values appear as {@link AppSpec#MASK}.
 *
 * @param documents the objects, one YAML document each
 */
public record RenderedManifests(List<RenderedManifest> documents) {

  /**
   * Copies the documents.
   *
   * @param documents the objects, one YAML document each
   */
  public RenderedManifests {
    documents = documents == null ? List.of() : List.copyOf(documents);
  }

  /**
   * All documents as one multi-document YAML stream, as {@code kubectl apply -f} reads it.
   *
   * @return the documents, each introduced by {@code ---}
   */
  public String yaml() {
    return documents.stream()
        .map(d -> "---\n" + (d.yaml().endsWith("\n") ? d.yaml() : d.yaml() + "\n"))
        .collect(Collectors.joining());
  }
}
