package org.aiappstore.app.export;

/** Why a card of the bundle is not imported; the message is its item's reason. */
final class Refused extends RuntimeException {

  private static final long serialVersionUID = 1L;

  Refused(String reason) {
    super(reason, null, false, false);
  }
}
