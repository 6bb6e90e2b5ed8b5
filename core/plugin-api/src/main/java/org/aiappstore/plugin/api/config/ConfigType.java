package org.aiappstore.plugin.api.config;

/** The type of a configuration property: decides validation and the admin UI widget. */
public enum ConfigType {
  /** A single-line string. */
  STRING,
  /** A multi-line string. */
  TEXT,
  /** A credential: stored, never shown back; printed and sent out masked. */
  SECRET,
  /** {@code true} or {@code false}. */
  BOOLEAN,
  /** A 32-bit signed whole number. */
  INTEGER,
  /** An absolute URI. */
  URI,
  /** One of the property's options. */
  ENUM,
  /** A comma-separated list of non-empty items. */
  LIST
}
