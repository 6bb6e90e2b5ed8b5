/**
 * Hand-written fakes of data connectors for host and plugin tests: {@link
 * org.aiappstore.plugin.tck.data.testing.InMemoryDataConnectorFactory} keeps objects in memory and
 * passes the whole {@link org.aiappstore.plugin.tck.data.DataConnectorContract}.
 */
package org.aiappstore.plugin.tck.data.testing;
