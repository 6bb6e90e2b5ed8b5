package org.aiappstore.app.connector;

/**
 * Where {@link GuardedCalls} reports each call into a plugin: for metrics, or nowhere in unit
 * tests.
 */
@FunctionalInterface
public interface CallRecorder {

  CallRecorder NONE = (connectorId, pluginId, nanos, failed) -> {};

  /**
   * @param connectorId the connector instance called
   * @param pluginId the plugin that provides its factory
   * @param nanos how long the call took (zero when refused by an open circuit)
   * @param failed whether it failed for a reason other than the client's own mistake
   */
  void record(String connectorId, String pluginId, long nanos, boolean failed);
}
