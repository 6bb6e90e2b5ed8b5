package org.aiappstore.plugin.api.data;

import org.aiappstore.plugin.api.error.PlatformException;

/** Validation of object keys, shared by every data connector so that all stores agree. */
public final class ObjectKeys {

  /** The maximum length of a key, in characters. */
  public static final int MAX_LENGTH = 1024;

  private ObjectKeys() {}

  /**
   * Checks that a key is safe to use as a relative path on any store: 1 to {@value #MAX_LENGTH}
   * characters; {@code /}-separated segments, none of them empty, {@code .} or {@code ..}; no
   * leading {@code /}; no backslash, control character (NUL included) or unpaired surrogate.
   *
   * @param key the key to check
   * @return the key, unchanged
   * @throws PlatformException with code INVALID_ARGUMENT if the key is not valid
   */
  public static String requireValid(String key) {
    if (key == null || key.isEmpty()) {
      throw PlatformException.invalidArgument("An object key must not be empty");
    }
    if (key.length() > MAX_LENGTH) {
      throw PlatformException.invalidArgument(
          "An object key must be at most " + MAX_LENGTH + " characters, not " + key.length());
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (Character.isISOControl(c)) {
        throw PlatformException.invalidArgument(
            "An object key must not contain control characters (found one at index " + i + ")");
      }
      if (c == '\\') {
        throw PlatformException.invalidArgument("An object key must not contain a backslash");
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < key.length()
          && Character.isLowSurrogate(key.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw PlatformException.invalidArgument(
            "An object key must be valid Unicode (unpaired surrogate at index " + i + ")");
      }
    }
    if (key.charAt(0) == '/') {
      throw PlatformException.invalidArgument("An object key must not start with '/'");
    }
    for (String segment : key.split("/", -1)) {
      if (segment.isEmpty()) {
        throw PlatformException.invalidArgument(
            "An object key must not contain empty segments ('//' or a trailing '/')");
      }
      if (segment.equals(".") || segment.equals("..")) {
        throw PlatformException.invalidArgument(
            "An object key must not contain '.' or '..' segments");
      }
    }
    return key;
  }
}
