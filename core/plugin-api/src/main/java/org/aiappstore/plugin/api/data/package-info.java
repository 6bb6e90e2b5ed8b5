/**
 * The object-storage extension point: a {@link org.aiappstore.plugin.api.data.DataConnectorFactory}
 * creates {@link org.aiappstore.plugin.api.data.DataConnector}s that store, read (optionally by
 * {@link org.aiappstore.plugin.api.data.ByteRange range}), list and delete objects under {@link
 * org.aiappstore.plugin.api.data.ObjectKeys validated keys}.
 */
package org.aiappstore.plugin.api.data;
