/**
 * Typed connector configuration: a {@link org.aiappstore.plugin.api.config.ConfigSchema} of {@link
 * org.aiappstore.plugin.api.config.ConfigProperty properties} drives the admin UI form and
 * validates values; a {@link org.aiappstore.plugin.api.config.ConnectorConfig} holds validated
 * values with defaults applied and never prints secrets.
 */
package org.aiappstore.plugin.api.config;
