package org.aiappstore.plugin.api;

/**
 * Version information of the plugin API.
 *
 * <p>The host sets PF4J's system version to {@link #VERSION}; plugins declare a {@code
 * Plugin-Requires} range against it (for example {@code >=1.0.0 & <2.0.0}).
 */
public final class PluginApi {

  /**
   * The semantic version of this plugin API, equal to the Maven property {@code
   * plugin-api.version}.
   */
  public static final String VERSION = "1.0.0";

  private PluginApi() {}
}
