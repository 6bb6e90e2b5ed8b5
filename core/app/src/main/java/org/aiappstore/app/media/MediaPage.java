package org.aiappstore.app.media;

import java.util.List;

/** One page of the caller's media, newest first, and how many there are in all. */
public record MediaPage(List<MediaView> items, long total, int page, int size) {}
