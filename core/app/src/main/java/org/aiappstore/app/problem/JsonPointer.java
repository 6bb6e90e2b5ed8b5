package org.aiappstore.app.problem;

/** RFC 6901 token escaping, so a field name with '/' or '~' still points at the right place. */
public final class JsonPointer {

  private JsonPointer() {}

  public static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }
}
