package org.aiappstore.app.plugin;

import java.util.List;

/**
 * What the host knows about one plugin, as the admin console shows it.
 *
 * @param state PF4J's state ({@code STARTED}, {@code DISABLED}, {@code FAILED}, ...)
 * @param reason why a plugin is not started, in words a person can act on; null when started
 */
public record PluginView(
    String id,
    String version,
    String state,
    String reason,
    String description,
    String provider,
    String requires,
    List<ExtensionView> extensions) {

  /** One extension a plugin contributes. */
  public record ExtensionView(String extensionPoint, String className) {}
}
