/**
 * The packaging contract: a plugin's built zip has the layout the host expects and loads through
 * PF4J exactly as the server loads it. A plugin's failsafe test extends {@link
 * org.aiappstore.plugin.tck.packaging.PluginZipContract}.
 */
package org.aiappstore.plugin.tck.packaging;
