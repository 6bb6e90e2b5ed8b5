package org.aiappstore.app.media;

import java.util.Set;
import org.aiappstore.app.identity.security.Caller;

/**
 * Whether the caller may see one of the cards that use a media file; implemented by the cards
 * feature, so that media follow the visibility of the cards showing them.
 */
public interface MediaVisibility {

  boolean anyVisible(Set<String> cardIds, Caller caller);
}
