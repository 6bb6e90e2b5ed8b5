package org.aiappstore.plugin.api.deployment;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Validates Kubernetes object names, label keys and label values without a Kubernetes library, as
 * the API server does.
 */
public final class KubernetesNames {

  /** The longest DNS label (RFC 1123). */
  public static final int MAX_LABEL_LENGTH = 63;

  /** The longest DNS subdomain (RFC 1123), e.g. a label key prefix. */
  public static final int MAX_SUBDOMAIN_LENGTH = 253;

  private static final Pattern DNS_1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS_1123_SUBDOMAIN =
      Pattern.compile(DNS_1123_LABEL.pattern() + "(\\." + DNS_1123_LABEL.pattern() + ")*");
  private static final Pattern LABEL_VALUE =
      Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");

  private KubernetesNames() {}

  /**
   * What is wrong with a DNS-1035 label (a Service name): lowercase letters, digits and '-',
   * starting with a letter, ending with a letter or digit.
   *
   * @param name the name
   * @param maxLength the longest accepted name, at most {@value #MAX_LABEL_LENGTH}
   * @return a message for a person, or empty if valid
   */
  public static Optional<String> dnsLabelProblem(String name, int maxLength) {
    if (name == null || name.isEmpty()) {
      return Optional.of("must not be empty");
    }
    if (name.length() > Math.min(maxLength, MAX_LABEL_LENGTH)) {
      return Optional.of(
          "must be at most " + Math.min(maxLength, MAX_LABEL_LENGTH) + " characters");
    }
    if (!DNS_1035_LABEL.matcher(name).matches()) {
      return Optional.of(
          "must consist of lowercase letters, digits and '-', start with a letter and end with a"
              + " letter or digit");
    }
    return Optional.empty();
  }

  /**
   * What is wrong with an object name that may be a DNS-1123 subdomain (pods, containers are
   * labels; most objects are subdomains).
   *
   * @param name the name
   * @return a message for a person, or empty if valid
   */
  public static Optional<String> objectNameProblem(String name) {
    if (name == null || name.isEmpty()) {
      return Optional.of("must not be empty");
    }
    if (name.length() > MAX_SUBDOMAIN_LENGTH || !DNS_1123_SUBDOMAIN.matcher(name).matches()) {
      return Optional.of(
          "must be a Kubernetes object name: lowercase letters, digits, '-' and '.', at most "
              + MAX_SUBDOMAIN_LENGTH
              + " characters");
    }
    return Optional.empty();
  }

  /**
   * What is wrong with a label key: an optional DNS subdomain prefix and '/', then a name of at
   * most 63 characters of letters, digits, '-', '_' and '.', beginning and ending with a letter or
   * digit.
   *
   * @param key the key
   * @return a message for a person, or empty if valid
   */
  public static Optional<String> labelKeyProblem(String key) {
    if (key == null || key.isEmpty()) {
      return Optional.of("must not be empty");
    }
    int slash = key.indexOf('/');
    String name = slash < 0 ? key : key.substring(slash + 1);
    if (slash >= 0) {
      String prefix = key.substring(0, slash);
      if (prefix.isEmpty()
          || prefix.length() > MAX_SUBDOMAIN_LENGTH
          || !DNS_1123_SUBDOMAIN.matcher(prefix).matches()) {
        return Optional.of("must have a DNS subdomain as prefix, e.g. example.com/name");
      }
    }
    if (name.isEmpty()
        || name.length() > MAX_LABEL_LENGTH
        || !LABEL_VALUE.matcher(name).matches()) {
      return Optional.of(
          "must have a name of at most 63 letters, digits, '-', '_' and '.', beginning and"
              + " ending with a letter or digit");
    }
    return Optional.empty();
  }

  /**
   * What is wrong with a label value: empty, or at most 63 letters, digits, '-', '_' and '.',
   * beginning and ending with a letter or digit.
   *
   * @param value the value
   * @return a message for a person, or empty if valid
   */
  public static Optional<String> labelValueProblem(String value) {
    if (value == null) {
      return Optional.of("must not be null");
    }
    if (value.isEmpty()) {
      return Optional.empty();
    }
    if (value.length() > MAX_LABEL_LENGTH || !LABEL_VALUE.matcher(value).matches()) {
      return Optional.of(
          "must be at most 63 letters, digits, '-', '_' and '.', beginning and ending with a"
              + " letter or digit");
    }
    return Optional.empty();
  }
}
