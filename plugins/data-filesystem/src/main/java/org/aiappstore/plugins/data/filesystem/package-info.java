/**
 * A data connector that stores objects as files under a base directory: content in {@code
 * objects/<key>}, metadata in {@code metadata/<key>.properties}, uploads staged in {@code tmp/} and
 * moved into place atomically.
 */
package org.aiappstore.plugins.data.filesystem;
