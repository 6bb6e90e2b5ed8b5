/**
 * The AI App Store plugin SPI: stateless connector factories that describe themselves, declare
 * their capabilities and configuration schema, and create configured {@link
 * org.aiappstore.plugin.api.Connector connectors} with host services from a {@link
 * org.aiappstore.plugin.api.ConnectorContext}.
 *
 * <p>This package and its sub-packages are the only types a plugin compiles against, besides PF4J.
 * They evolve by adding {@code default} methods, never by changing signatures.
 */
package org.aiappstore.plugin.api;
