/**
 * Contract tests of {@link org.aiappstore.plugin.api.data.DataConnectorFactory data connectors}:
 * extend {@link org.aiappstore.plugin.tck.data.DataConnectorContract} in a plugin's test sources.
 * {@link org.aiappstore.plugin.tck.data.GeneratedContent} produces large deterministic content
 * without holding it in memory.
 */
package org.aiappstore.plugin.tck.data;
