/**
 * The technology compatibility kit of the plugin SPI: abstract JUnit 5 contract tests that a
 * plugin's own test class extends, supplying its factory and configuration (like Trino's {@code
 * BaseConnectorTest}). Capabilities a factory does not declare are reported as skipped; a
 * capability it declares but does not honour fails.
 */
package org.aiappstore.plugin.tck;
