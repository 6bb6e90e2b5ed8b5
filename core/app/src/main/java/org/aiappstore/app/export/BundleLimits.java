package org.aiappstore.app.export;

/** How big a bundle may be: upload bytes, entries, and bytes once inflated (zip bombs). */
record BundleLimits(long maxBytes, int maxEntries, long maxUncompressedBytes) {}
