package org.aiappstore.app.export;

import static org.aiappstore.app.export.ForeignJson.string;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.security.DigestInputStream;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.ToLongFunction;
import java.util.zip.ZipFile;
import org.aiappstore.app.media.LimitedInputStream;
import org.aiappstore.app.media.MediaFormat;
import org.aiappstore.app.media.MediaKind;
import org.aiappstore.app.media.MediaRecord;
import org.aiappstore.app.media.MediaReferences;
import org.aiappstore.app.media.MediaService;
import org.aiappstore.app.media.MediaSniffer;
import org.aiappstore.app.media.MediaStore;
import org.aiappstore.app.media.MediaTooLargeException;
import org.aiappstore.app.persistence.MongoConnection;
import org.aiappstore.plugin.api.data.DataConnector;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The media files of an imported card: checked by their bytes as an upload is, reused when the same
 * file is already here, else stored under the card's owner on the target data connector.
 */
final class MediaImport {

  private final MongoConnection mongo;
  private final MediaStore mediaStore;
  private final MediaReferences references;
  private final DataConnector target;
  private final String targetConnectorId;
  private final ToLongFunction<MediaKind> mediaLimits;
  private final long maxJsonBytes;

  MediaImport(
      MongoConnection mongo,
      MediaReferences references,
      DataConnector target,
      String targetConnectorId,
      ToLongFunction<MediaKind> mediaLimits,
      long maxJsonBytes) {
    this.mongo = mongo;
    this.mediaStore = new MediaStore(mongo);
    this.references = references;
    this.target = target;
    this.targetConnectorId = targetConnectorId;
    this.mediaLimits = mediaLimits;
    this.maxJsonBytes = maxJsonBytes;
  }

  private MongoCollection<Document> collection() {
    return mongo.database().getCollection(MediaStore.COLLECTION);
  }

  /**
   * The card's media files by their ids in the bundle, checked from their bytes as an upload is:
   * the format sniffed (what an upload refuses is refused, and so is a type other than the one
   * {@code meta.json} declares), within the upload limit of its kind, size and SHA-256 counted. A
   * file with the same id already here is reused only if it is the card owner's, is not being
   * deleted and has the same bytes; otherwise the bundle's file is stored under a new id. A demo
   * video must be a video.
   */
  Map<String, MediaFile> files(ZipFile zip, Incoming incoming, String ownerId) throws IOException {
    MongoCollection<Document> media = collection();
    Map<String, MediaFile> files = new LinkedHashMap<>();
    for (String mediaId : incoming.mediaIds()) {
      Document meta = ForeignJson.read(zip, BundleFormat.mediaMeta(mediaId), maxJsonBytes);
      MediaFile file = inspect(zip, mediaId, string(meta.get("contentType")));
      Document existing = media.find(Filters.eq("_id", mediaId)).first();
      boolean reusable =
          existing != null
              && ownerId.equals(existing.get("ownerId"))
              && !Boolean.TRUE.equals(existing.get("deleting"))
              && file.sha256().equals(existing.get("sha256"));
      files.put(
          mediaId,
          new MediaFile(
              existing == null || reusable ? mediaId : UUID.randomUUID().toString(),
              reusable,
              file.format(),
              file.size(),
              file.sha256(),
              MediaService.acceptableName(string(meta.get("name")))));
    }
    for (String video : incoming.demoVideos()) {
      if (files.get(video).format().kind() != MediaKind.VIDEO) {
        throw new Refused("its demo video " + video + " is not a video");
      }
    }
    return files;
  }

  /** The format, size and SHA-256 of a media file's bytes, read through the upload's checks. */
  private MediaFile inspect(ZipFile zip, String mediaId, String declaredType) throws IOException {
    String file = "media file " + mediaId;
    try (InputStream entry = zip.getInputStream(zip.getEntry(BundleFormat.mediaContent(mediaId)))) {
      PushbackInputStream in = MediaSniffer.peekable(entry);
      MediaFormat format =
          MediaSniffer.sniff(in)
              .orElseThrow(
                  () ->
                      new Refused(
                          file
                              + " is not a supported image or video ("
                              + MediaFormat.accepted()
                              + ")"));
      if (MediaFormat.ofContentType(declaredType).orElse(null) != format) {
        throw new Refused(
            file + " is " + format.contentType() + ", not the type its meta.json declares");
      }
      long limit = mediaLimits.applyAsLong(format.kind());
      LimitedInputStream limited = new LimitedInputStream(in, limit);
      DigestInputStream digesting = new DigestInputStream(limited, BundleWriter.sha256());
      try {
        digesting.transferTo(OutputStream.nullOutputStream());
      } catch (MediaTooLargeException e) {
        throw new Refused(
            file
                + " is larger than "
                + limit
                + " bytes, the most "
                + (format.kind() == MediaKind.IMAGE ? "an image" : "a video")
                + " may be");
      }
      return new MediaFile(
          mediaId,
          false,
          format,
          limited.count(),
          HexFormat.of().formatHex(digesting.getMessageDigest().digest()),
          null);
    }
  }

  /**
   * Stores a file as the card owner's, created and claimed now (so the cleanup job leaves it alone
   * until the card uses it): the record first, which takes the id, then the bytes.
   */
  void store(ZipFile zip, String bundleId, MediaFile file, String ownerId, Instant now, Undo undo)
      throws IOException {
    String key = "media/" + file.id();
    try {
      mediaStore.insert(
          new MediaRecord(
              file.id(),
              ownerId,
              key,
              file.format().contentType(),
              file.format().kind(),
              file.size(),
              file.sha256(),
              file.name(),
              now,
              targetConnectorId));
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
        throw new Refused("media file " + bundleId + " was stored meanwhile by another import");
      }
      throw e;
    }
    references.claim(List.of(file.id()), now);
    // Taken back only while no other card uses or claimed it (another import of the same file may
    // have found it meanwhile); a part of the bytes a failed put left is deleted too.
    undo.add(
        () -> {
          Bson ours =
              Filters.and(
                  Filters.eq("_id", file.id()),
                  Filters.or(Filters.exists("cardIds", false), Filters.size("cardIds", 0)),
                  Filters.eq("claimedAt", Date.from(now)));
          if (collection().deleteOne(ours).getDeletedCount() == 1) {
            target.delete(key);
          }
        });
    try (InputStream in = zip.getInputStream(zip.getEntry(BundleFormat.mediaContent(bundleId)))) {
      target.put(key, in, file.size(), file.format().contentType());
    }
  }
}
