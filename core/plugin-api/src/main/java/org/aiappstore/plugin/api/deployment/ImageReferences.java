package org.aiappstore.plugin.api.deployment;

import java.util.Optional;
import java.util.regex.Pattern;
import org.aiappstore.plugin.api.error.PlatformException;

/**
 * Validates container image references: {@code registry/path:tag}, {@code registry/path@sha256:hex}
 * or both. The registry is required (no implicit Docker Hub) and so is a tag or a digest (no
 * implicit {@code latest}), so that a reference names the same image wherever it is pulled.
 *
 * <p>The grammar is the one of the distribution project's reference package, restricted to
 * lowercase repository paths and {@code sha256} digests:
 *
 * <pre>
 * reference := registry '/' path [':' tag] ['@' 'sha256:' 64 lowercase hex digits]
 * registry  := host [':' port] where host is a DNS name with a dot, "localhost" or [IPv6]
 * path      := component ('/' component)*, component := [a-z0-9]+ ((\.|_|__|-+)[a-z0-9]+)*
 * tag       := [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}
 * </pre>
 */
public final class ImageReferences {

  /** The longest accepted reference, in characters. */
  public static final int MAX_LENGTH = 512;

  /** The longest repository name (registry and path), as in the distribution project. */
  public static final int MAX_NAME_LENGTH = 255;

  private static final String DOMAIN_COMPONENT =
      "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final String HOST =
      "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")+|localhost|\\[[0-9a-fA-F:.]+\\])";
  private static final String REGISTRY = HOST + "(?::[0-9]{1,5})?";
  private static final String PATH_COMPONENT = "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*";
  private static final String PATH = PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*";
  private static final String TAG = "[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}";
  private static final String DIGEST = "sha256:[a-f0-9]{64}";

  private static final Pattern REFERENCE =
      Pattern.compile("(" + REGISTRY + ")/(" + PATH + ")(?::(" + TAG + "))?(?:@(" + DIGEST + "))?");

  private ImageReferences() {}

  /**
   * What is wrong with a reference.
   *
   * @param image the reference to check
   * @return a message for a person, or empty if the reference is valid
   */
  public static Optional<String> problem(String image) {
    if (image == null || image.isEmpty()) {
      return Optional.of("is required, e.g. ghcr.io/acme/demo:1.0");
    }
    if (image.length() > MAX_LENGTH) {
      return Optional.of("must be at most " + MAX_LENGTH + " characters");
    }
    var matcher = REFERENCE.matcher(image);
    if (!matcher.matches()) {
      if (!image.contains("/") || !looksLikeRegistry(image.substring(0, image.indexOf('/')))) {
        return Optional.of(
            "must start with a registry host, e.g. docker.io/library/python:3.12 rather than"
                + " python:3.12");
      }
      return Optional.of(
          "must be registry/path:tag or registry/path@sha256:<64 hex digits>, with a lowercase"
              + " path");
    }
    if (matcher.group(3) == null && matcher.group(4) == null) {
      return Optional.of("needs a tag or an @sha256: digest, e.g. " + image + ":1.0");
    }
    if (matcher.group(1).length() + 1 + matcher.group(2).length() > MAX_NAME_LENGTH) {
      return Optional.of("has a repository name longer than " + MAX_NAME_LENGTH + " characters");
    }
    int colon = matcher.group(1).lastIndexOf(':');
    if (colon > 0 && !matcher.group(1).endsWith("]")) {
      int port = Integer.parseInt(matcher.group(1).substring(colon + 1));
      if (port < 1 || port > 65535) {
        return Optional.of("has a registry port outside 1..65535");
      }
    }
    return Optional.empty();
  }

  /**
   * Whether a reference is valid.
   *
   * @param image the reference to check
   * @return {@code true} if {@link #problem(String)} finds nothing
   */
  public static boolean isValid(String image) {
    return problem(image).isEmpty();
  }

  /**
   * Checks a reference.
   *
   * @param image the reference to check
   * @return the reference
   * @throws PlatformException INVALID_ARGUMENT if the reference is not valid
   */
  public static String requireValid(String image) {
    problem(image)
        .ifPresent(
            problem -> {
              throw PlatformException.invalidArgument("Image reference " + problem);
            });
    return image;
  }

  private static boolean looksLikeRegistry(String first) {
    return first.contains(".") || first.contains(":") || first.equals("localhost");
  }
}
