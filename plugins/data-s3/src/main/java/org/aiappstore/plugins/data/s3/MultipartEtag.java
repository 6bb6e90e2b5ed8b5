package org.aiappstore.plugins.data.s3;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The ETag S3 gives an object completed from parts: the MD5 of the parts' MD5s (as bytes, in part
 * order), a dash and the number of parts, e.g. {@code 9b2cf535f27731c974343645a3985328-3}. Amazon
 * S3, MinIO, Ceph and S3Proxy agree on it; it tells the object of an upload from another one of the
 * same size.
 */
final class MultipartEtag {

  private static final Pattern MD5 = Pattern.compile("[0-9a-fA-F]{32}");
  private static final Pattern MD5_STYLE = Pattern.compile("[0-9a-fA-F]{32}(-[0-9]+)?");

  private MultipartEtag() {}

  /**
   * The ETag of the object completed from parts with these ETags.
   *
   * @param partEtags the parts' ETags in part order, quoted or not
   * @return the ETag, unquoted; empty when a part's ETag is not an MD5 (as with SSE-C, or a server
   *     with its own scheme), which leaves nothing to derive it from
   */
  static Optional<String> of(List<String> partEtags) {
    MessageDigest md5 = md5();
    for (String etag : partEtags) {
      String hex = unquoted(etag);
      if (hex == null || !MD5.matcher(hex).matches()) {
        return Optional.empty();
      }
      md5.update(HexFormat.of().parseHex(hex));
    }
    return Optional.of(HexFormat.of().formatHex(md5.digest()) + "-" + partEtags.size());
  }

  /**
   * Whether an object with this ETag can be the one completed from these parts. Where both are of
   * the MD5 kind they must agree: a plain MD5 is an object sent in one request, another multipart
   * ETag another upload's. An ETag of another scheme, or none, proves nothing either way.
   *
   * @param objectEtag the object's ETag, quoted or not, or {@code null}
   * @param partEtags the parts' ETags in part order
   */
  static boolean couldBe(String objectEtag, List<String> partEtags) {
    String actual = unquoted(objectEtag);
    Optional<String> expected = of(partEtags);
    if (actual == null || expected.isEmpty() || !MD5_STYLE.matcher(actual).matches()) {
      return true;
    }
    return actual.equalsIgnoreCase(expected.get());
  }

  /** An ETag without the quotes S3 sends it in; null stays null. */
  static String unquoted(String etag) {
    if (etag == null) {
      return null;
    }
    String stripped = etag.strip();
    return stripped.length() >= 2 && stripped.startsWith("\"") && stripped.endsWith("\"")
        ? stripped.substring(1, stripped.length() - 1)
        : stripped;
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has MD5", e);
    }
  }
}
