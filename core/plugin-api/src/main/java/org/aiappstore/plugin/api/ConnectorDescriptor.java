package org.aiappstore.plugin.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Describes a kind of connector to administrators.
 *
 * @param id stable identifier, lowercase, matching {@code [a-z][a-z0-9-]{1,39}}, e.g. {@code s3}
 * @param displayName a short human-readable name, e.g. "Amazon S3"
 * @param description one or two sentences shown in the admin console; may be empty
 * @param docsUrl a link to the connector's documentation, or {@code null}
 */
public record ConnectorDescriptor(
    String id, String displayName, String description, String docsUrl) {

  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{1,39}");

  /**
   * Validates the descriptor.
   *
   * @param id stable identifier, lowercase, matching {@code [a-z][a-z0-9-]{1,39}}, e.g. {@code s3}
   * @param displayName a short human-readable name, e.g. "Amazon S3"
   * @param description one or two sentences shown in the admin console; may be empty
   * @param docsUrl a link to the connector's documentation, or {@code null}
   */
  public ConnectorDescriptor {
    Objects.requireNonNull(id, "id");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "Connector id '" + id + "' must match " + ID.pattern() + " (lowercase, 2 to 40 chars)");
    }
    if (displayName == null || displayName.isBlank()) {
      throw new IllegalArgumentException("Connector '" + id + "' needs a display name");
    }
    description = description == null ? "" : description;
  }
}
