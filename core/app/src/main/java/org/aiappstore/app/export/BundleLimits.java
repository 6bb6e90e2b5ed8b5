package org.aiappstore.app.export;

/**
 * How big a bundle may be: upload bytes, entries, bytes once inflated (zip bombs), and bytes of one
 * entry an import parses ({@code card.json}, a part of a history such as {@code revisions.json},
 * {@code meta.json}), which it holds in memory one at a time.
 */
record BundleLimits(
    long maxBytes, int maxEntries, long maxUncompressedBytes, long maxJsonEntryBytes) {}
