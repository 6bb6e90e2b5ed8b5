package org.aiappstore.app.media;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.aiappstore.app.config.AppSettings;
import org.aiappstore.app.config.ConfigKey;
import org.aiappstore.app.connector.ConnectorRegistry;
import org.aiappstore.app.identity.security.Caller;
import org.aiappstore.app.identity.user.Role;
import org.aiappstore.app.problem.ProblemException;
import org.aiappstore.app.storage.StorageService;
import org.aiappstore.plugin.api.data.ByteRange;
import org.aiappstore.plugin.api.data.DataConnector;
import org.aiappstore.plugin.api.data.StoredObject;
import org.aiappstore.plugin.api.error.PlatformException;

/**
 * Uploads media to the active data connector, streaming: the type is sniffed from the first bytes,
 * the size is limited while reading and the SHA-256 is computed on the way, so nothing is held in
 * memory. Reads go to the connector instance that holds the object, even after another one was
 * activated.
 */
@ApplicationScoped
public class MediaService {

  static final int MAX_NAME_LENGTH = 200;
  static final String KEY_PREFIX = "media/";

  private static final Logger LOG = Logger.getLogger(MediaService.class.getName());

  @Inject MediaStore store;
  @Inject StorageService storage;
  @Inject ConnectorRegistry connectors;
  @Inject AppSettings settings;
  @Inject MediaReferences references;
  @Inject MediaVisibility visibility;
  @Inject MediaUrlSigner signer;

  private final Clock clock = Clock.systemUTC();

  /**
   * Stores an upload.
   *
   * @param declaredType the request's {@code Content-Type}
   * @param contentLength the request's {@code Content-Length}, or {@code -1} when chunked
   */
  public MediaView upload(
      Caller caller, String declaredType, long contentLength, String name, InputStream body) {
    String cleanName = validName(name);
    PushbackInputStream content = MediaSniffer.peekable(body);
    MediaFormat format;
    try {
      format =
          MediaSniffer.sniff(content)
              .orElseThrow(
                  () ->
                      new ProblemException(
                          415,
                          "UNSUPPORTED_MEDIA",
                          "This is not a supported image or video; upload one of "
                              + MediaFormat.accepted()
                              + "."));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Optional<MediaFormat> declared = MediaFormat.ofContentType(declaredType);
    if (declared.isEmpty() || declared.get() != format) {
      throw new ProblemException(
          415,
          "MEDIA_TYPE_MISMATCH",
          "The content is "
              + format.contentType()
              + " but was declared as "
              + (declaredType == null || declaredType.isBlank() ? "nothing" : declaredType)
              + "; send it with Content-Type: "
              + format.contentType()
              + ".");
    }
    long limit = limit(format.kind());
    if (contentLength > limit) {
      throw tooLarge(format.kind(), limit);
    }

    String connectorId = storage.activeConnectorId();
    DataConnector connector = connectors.dataConnector(connectorId);
    String id = UUID.randomUUID().toString();
    String key = KEY_PREFIX + id;
    LimitedInputStream limited = new LimitedInputStream(content, limit);
    DigestInputStream digesting = new DigestInputStream(limited, sha256());
    try {
      connector.put(key, digesting, contentLength >= 0 ? contentLength : -1, format.contentType());
    } catch (RuntimeException e) {
      if (limited.exceeded()) {
        deleteQuietly(connector, key); // a connector may have kept what it got so far
        throw tooLarge(format.kind(), limit);
      }
      throw e;
    }
    MediaRecord record =
        new MediaRecord(
            id,
            caller.userId(),
            key,
            format.contentType(),
            format.kind(),
            limited.count(),
            HexFormat.of().formatHex(digesting.getMessageDigest().digest()),
            cleanName,
            Instant.now(clock).truncatedTo(ChronoUnit.MILLIS),
            connectorId);
    try {
      store.insert(record);
    } catch (RuntimeException e) {
      deleteQuietly(connector, key);
      throw e;
    }
    return MediaView.of(record, signer.signedUrl(record.id()));
  }

  /**
   * A media record the caller may read: their own, any file for admins, and files used by a card
   * the caller may see. 404 otherwise, so that others cannot tell it exists.
   */
  public MediaRecord readable(Caller caller, String id) {
    return store
        .find(id)
        .filter(
            m -> mayManage(caller, m) || visibility.anyVisible(references.cardsUsing(id), caller))
        .orElseThrow(MediaService::notFound);
  }

  /**
   * A media record the caller may put on a card: their own, or any file for admins. Seeing a file
   * on someone else's card is not enough: a card of theirs using it would pin it (its owner could
   * no longer delete it) and keep showing it after the owner's card turned private.
   */
  public Optional<MediaRecord> usable(Caller caller, String id) {
    return store.find(id).filter(m -> mayManage(caller, m));
  }

  /** A media record found by id alone, for a request that carries a valid signed URL. */
  public MediaRecord signed(String id) {
    return store.find(id).orElseThrow(MediaService::notFound);
  }

  private static boolean mayManage(Caller caller, MediaRecord media) {
    return media.ownerId().equals(caller.userId()) || caller.roles().contains(Role.ADMIN);
  }

  /** Opens the bytes of a media file (a range of them, or all); the caller closes it. */
  public StoredObject open(MediaRecord media, ByteRange range) {
    return connectors.dataConnector(media.connectorId()).get(media.key(), range);
  }

  /**
   * Deletes the object, then the record; only its owner or an admin, and only while no card uses
   * it.
   */
  public void delete(Caller caller, String id) {
    MediaRecord media = readable(caller, id);
    if (!mayManage(caller, media)) {
      throw new ProblemException(
          403, "MEDIA_FORBIDDEN", "Only its owner or an admin may delete a file.");
    }
    if (!references.markDeletingIfUnused(id, Instant.now(clock).minus(Duration.ofMinutes(10)))) {
      throw new ProblemException(
          409,
          "MEDIA_IN_USE",
          "A model card shows this file, or an edit is about to; remove it from the card first.");
    }
    connectors.dataConnector(media.connectorId()).delete(media.key());
    store.delete(media.id());
  }

  public MediaPage listOwn(Caller caller, int page, int size) {
    List<MediaView> items =
        store.findByOwner(caller.userId(), page, size).stream()
            .map(m -> MediaView.of(m, signer.signedUrl(m.id())))
            .toList();
    return new MediaPage(items, store.countByOwner(caller.userId()), page, size);
  }

  /** The most bytes an upload of this kind may have. */
  public long limit(MediaKind kind) {
    ConfigKey key =
        kind == MediaKind.IMAGE ? ConfigKey.MEDIA_MAX_IMAGE_BYTES : ConfigKey.MEDIA_MAX_VIDEO_BYTES;
    try {
      return Long.parseLong(settings.value(key));
    } catch (NumberFormatException e) {
      throw new IllegalStateException(
          key.key() + " must be a number of bytes, not '" + settings.value(key) + "'");
    }
  }

  static ProblemException notFound() {
    return new ProblemException(404, "MEDIA_NOT_FOUND", "There is no media file with this id.");
  }

  private static ProblemException tooLarge(MediaKind kind, long limit) {
    return new ProblemException(
        413,
        "MEDIA_TOO_LARGE",
        (kind == MediaKind.IMAGE ? "An image" : "A video")
            + " may be at most "
            + limit
            + " bytes ("
            + mebibytes(limit)
            + ").",
        List.of(),
        Map.of("Connection", "close"));
  }

  private static String mebibytes(long bytes) {
    double mib = bytes / (1024.0 * 1024.0);
    return (mib == Math.rint(mib) ? String.valueOf((long) mib) : String.format("%.1f", mib))
        + " MiB";
  }

  /**
   * The file name an upload may give, trimmed; null when there is none or it breaks the rules (too
   * long, control characters).
   */
  public static String acceptableName(String name) {
    String trimmed = name == null ? "" : name.strip();
    if (trimmed.isEmpty()
        || trimmed.length() > MAX_NAME_LENGTH
        || trimmed.chars().anyMatch(Character::isISOControl)) {
      return null;
    }
    return trimmed;
  }

  private static String validName(String name) {
    String acceptable = acceptableName(name);
    if (acceptable == null && name != null && !name.isBlank()) {
      throw ProblemException.field(
          422,
          "VALIDATION_FAILED",
          "/name",
          "The file name has at most "
              + MAX_NAME_LENGTH
              + " characters and no control characters.");
    }
    return acceptable;
  }

  private static void deleteQuietly(DataConnector connector, String key) {
    try {
      connector.delete(key);
    } catch (PlatformException e) {
      LOG.log(Level.WARNING, "Could not delete the aborted upload " + key, e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
