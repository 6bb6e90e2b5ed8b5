package org.aiappstore.app.model;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** URL-safe names: lowercase ASCII letters and digits separated by single hyphens. */
public final class Slugs {

  static final int MAX_LENGTH = 60;
  private static final Pattern VALID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern SEPARATORS = Pattern.compile("[^a-z0-9]+");

  private Slugs() {}

  /** "Détection d'objets: YOLO v8!" → "detection-d-objets-yolo-v8"; never empty. */
  public static String fromTitle(String title) {
    String ascii = MARKS.matcher(Normalizer.normalize(title, Normalizer.Form.NFD)).replaceAll("");
    String slug = SEPARATORS.matcher(ascii.toLowerCase(Locale.ROOT)).replaceAll("-");
    slug = trimHyphens(slug);
    if (slug.length() > MAX_LENGTH) {
      slug = trimHyphens(slug.substring(0, MAX_LENGTH));
    }
    return slug.isEmpty() ? "model" : slug;
  }

  public static boolean isValid(String slug) {
    return slug.length() <= MAX_LENGTH && VALID.matcher(slug).matches();
  }

  /** The n-th alternative when a slug is taken: "name-2", "name-3", ... within the length limit. */
  public static String numbered(String slug, int n) {
    String suffix = "-" + n;
    String base =
        slug.length() + suffix.length() > MAX_LENGTH
            ? trimHyphens(slug.substring(0, MAX_LENGTH - suffix.length()))
            : slug;
    return base + suffix;
  }

  private static String trimHyphens(String value) {
    int start = 0;
    int end = value.length();
    while (start < end && value.charAt(start) == '-') {
      start++;
    }
    while (end > start && value.charAt(end - 1) == '-') {
      end--;
    }
    return value.substring(start, end);
  }
}
