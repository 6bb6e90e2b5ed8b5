/**
 * Platform errors: one {@link org.aiappstore.plugin.api.error.PlatformException} carrying an {@link
 * org.aiappstore.plugin.api.error.ErrorCode} (namespace, name, type, HTTP status), which the host
 * maps to RFC 9457 problem details. Plugins define their codes in their own namespace.
 */
package org.aiappstore.plugin.api.error;
