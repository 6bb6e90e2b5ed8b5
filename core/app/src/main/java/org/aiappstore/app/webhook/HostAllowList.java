package org.aiappstore.app.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which URLs webhooks may be aimed at: http or https only, to a host on the configured list (an
 * exact name or address, or {@code *.suffix} for any subdomain of suffix). An empty list allows
 * nothing, so a fresh installation cannot be used to probe internal services. Hosts are compared as
 * written, never resolved: list names whose addresses you trust.
 */
public final class HostAllowList {

  private final List<String> entries;

  public HostAllowList(List<String> entries) {
    this.entries =
        entries.stream().map(HostAllowList::normalize).filter(e -> !e.isEmpty()).toList();
  }

  /** Why {@code url} may not be a webhook target, or empty when it may. */
  public Optional<String> refusal(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return Optional.of("is not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return Optional.of("must be an http or https URL");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      return Optional.of("must name a host");
    }
    if (uri.getRawUserInfo() != null) {
      return Optional.of("must not contain credentials");
    }
    if (entries.isEmpty()) {
      return Optional.of(
          "webhooks are disabled: no host is allowed (aiappstore.webhooks.allowed-hosts)");
    }
    String host = normalize(uri.getHost());
    return entries.stream().anyMatch(entry -> matches(entry, host))
        ? Optional.empty()
        : Optional.of("host " + host + " is not in aiappstore.webhooks.allowed-hosts");
  }

  private static boolean matches(String entry, String host) {
    if (entry.startsWith("*.")) {
      String suffix = entry.substring(1);
      return host.length() > suffix.length() && host.endsWith(suffix);
    }
    return entry.equals(host);
  }

  /** Lower case, without IPv6 brackets or the trailing dot of a fully qualified name. */
  private static String normalize(String host) {
    String h = host.trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }
}
