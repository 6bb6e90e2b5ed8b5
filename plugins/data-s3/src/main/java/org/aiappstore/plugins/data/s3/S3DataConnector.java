package org.aiappstore.plugins.data.s3;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.aiappstore.plugin.api.ConnectionCheck;
import org.aiappstore.plugin.api.data.ByteRange;
import org.aiappstore.plugin.api.data.DataConnector;
import org.aiappstore.plugin.api.data.ObjectInfo;
import org.aiappstore.plugin.api.data.ObjectKeys;
import org.aiappstore.plugin.api.data.StoredObject;
import org.aiappstore.plugin.api.error.PlatformErrors;
import org.aiappstore.plugin.api.error.PlatformException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Stores objects in an S3 bucket. Uploads of known length below the multipart threshold are
 * buffered and sent in one PutObject; from there up to the streaming limit they are streamed in one
 * PutObject without buffering ({@link StreamedBody}). Larger uploads, and uploads of unknown length
 * that exceed one part, are multipart uploads that read the next part while earlier ones upload
 * ({@link PartPipeline}), hold at most {@code partsInFlight + 1} parts in memory and are aborted on
 * failure. Safe for concurrent use.
 */
final class S3DataConnector implements DataConnector {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration METADATA_CALL_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration CHECK_CALL_TIMEOUT = Duration.ofSeconds(15);
  private static final Duration UPLOAD_ATTEMPT_TIMEOUT = Duration.ofMinutes(10);
  private static final Duration STREAMED_UPLOAD_TIMEOUT = Duration.ofHours(2);
  private static final Duration MAX_PRESIGN_TTL = Duration.ofDays(7);

  /** S3's limit on a key: 1024 bytes of UTF-8, where {@link ObjectKeys} counts characters. */
  static final int MAX_KEY_BYTES = 1024;

  private static final AwsRequestOverrideConfiguration METADATA =
      AwsRequestOverrideConfiguration.builder().apiCallTimeout(METADATA_CALL_TIMEOUT).build();
  private static final AwsRequestOverrideConfiguration UPLOAD =
      AwsRequestOverrideConfiguration.builder()
          .apiCallAttemptTimeout(UPLOAD_ATTEMPT_TIMEOUT)
          .build();

  /**
   * A streamed upload lasts as long as the source takes to arrive (a client's upload of up to 5
   * GiB), and its body cannot be sent again: one attempt, with a deadline only against a request
   * that hangs for good.
   */
  private static final AwsRequestOverrideConfiguration STREAMED_UPLOAD =
      AwsRequestOverrideConfiguration.builder()
          .apiCallAttemptTimeout(STREAMED_UPLOAD_TIMEOUT)
          .addPlugin(
              config ->
                  config.overrideConfiguration(
                      config.overrideConfiguration().toBuilder()
                          .retryStrategy(AwsRetryStrategy.doNotRetry())
                          .build()))
          .build();

  private final S3Settings settings;
  private final Clock clock;
  private final S3Client s3;
  private final S3Presigner presigner;
  private final ExecutorService partUploads;
  private volatile boolean bucketReady;

  S3DataConnector(S3Settings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    // The SDK finds some of its parts through the thread context class loader; under PF4J that is
    // the host's, which cannot see the plugin's SDK jars.
    this.s3 = withPluginClassLoader(this::buildClient);
    this.presigner = withPluginClassLoader(this::buildPresigner);
    this.partUploads = partUploadThreads();
  }

  /**
   * Threads for part uploads, started as needed and ended after a minute idle. Each multipart
   * upload runs at most {@code partsInFlight} parts at once; the executor hands each part to a
   * thread at once (no queue), so a part never waits behind another upload's parts.
   */
  private static ExecutorService partUploadThreads() {
    AtomicInteger count = new AtomicInteger();
    ClassLoader pluginLoader = S3DataConnector.class.getClassLoader();
    ThreadFactory factory =
        runnable -> {
          Thread thread = new Thread(runnable, "s3-part-upload-" + count.incrementAndGet());
          thread.setDaemon(true);
          thread.setContextClassLoader(pluginLoader);
          return thread;
        };
    return new ThreadPoolExecutor(
        0, Integer.MAX_VALUE, 1, TimeUnit.MINUTES, new SynchronousQueue<>(), factory);
  }

  private S3Client buildClient() {
    S3ClientBuilder builder =
        S3Client.builder()
            .region(Region.of(settings.region()))
            .credentialsProvider(credentials())
            .forcePathStyle(settings.pathStyle())
            // Checksums only where S3 requires them: S3-compatible servers differ on the rest.
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .httpClientBuilder(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(CONNECT_TIMEOUT)
                    .socketTimeout(SOCKET_TIMEOUT))
            // Never read ~/.aws/config or ~/.aws/credentials.
            .overrideConfiguration(o -> o.defaultProfileFile(ProfileFile.aggregator().build()));
    settings.endpoint().ifPresent(builder::endpointOverride);
    if (!settings.payloadSigning()) {
      builder.putAuthScheme(new UnsignedPayloadAuthScheme());
    }
    return builder.build();
  }

  private S3Presigner buildPresigner() {
    S3Presigner.Builder builder =
        S3Presigner.builder()
            .region(Region.of(settings.region()))
            .credentialsProvider(credentials())
            .serviceConfiguration(
                S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build());
    settings.endpoint().ifPresent(builder::endpointOverride);
    return builder.build();
  }

  private StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()));
  }

  private static <T> T withPluginClassLoader(Supplier<T> action) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(S3DataConnector.class.getClassLoader());
    try {
      return action.get();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  @Override
  public ConnectionCheck checkConnection() {
    return ConnectionCheck.timed(
        () -> {
          try {
            s3.headBucket(
                b ->
                    b.bucket(settings.bucket())
                        .overrideConfiguration(o -> o.apiCallTimeout(CHECK_CALL_TIMEOUT)));
            bucketReady = true;
            return "Bucket '" + settings.bucket() + "' is reachable at " + endpointName();
          } catch (SdkException e) {
            if (!S3Errors.isNotFound(e)) {
              throw S3Errors.translate(e, "reach " + settings.location());
            }
          }
          if (!settings.createBucket()) {
            throw missingBucket();
          }
          createBucket();
          return "Created bucket '" + settings.bucket() + "' at " + endpointName();
        });
  }

  @Override
  public ObjectInfo put(String key, InputStream data, long length, String contentType) {
    ObjectKeys.requireValid(key);
    int keyBytes = key.getBytes(StandardCharsets.UTF_8).length;
    if (keyBytes > MAX_KEY_BYTES) {
      throw PlatformException.invalidArgument(
          "An S3 object key must be at most " + MAX_KEY_BYTES + " bytes in UTF-8, not " + keyBytes);
    }
    if (data == null) {
      throw PlatformException.invalidArgument("Object data must not be null");
    }
    if (length < -1) {
      throw PlatformException.invalidArgument("Length must be -1 (unknown) or at least 0");
    }
    String type =
        contentType == null || contentType.isBlank()
            ? ObjectInfo.DEFAULT_CONTENT_TYPE
            : contentType.strip();
    if (settings.createBucket() && !bucketReady) {
      ensureBucket();
    }
    try {
      if (length >= 0 && length < settings.multipartThreshold()) {
        byte[] content = readExactly(data, (int) length, key);
        requireEnd(data, length, key);
        return putSingle(key, content, content.length, type);
      }
      if (length >= 0 && length <= settings.streamingLimit()) {
        return putStreamed(key, data, length, type);
      }
      int partSize = partSize(length);
      byte[] buffer = new byte[partSize];
      int first =
          data.readNBytes(buffer, 0, (int) Math.min(partSize, length < 0 ? partSize : length));
      if (length < 0 && first < partSize) {
        return putSingle(key, buffer, first, type);
      }
      return putMultipart(key, data, length, type, buffer, first);
    } catch (IOException e) {
      throw PlatformException.unavailable("Cannot read the content of '" + key + "' to upload", e);
    }
  }

  private ObjectInfo putSingle(String key, byte[] content, int length, String type) {
    try {
      return putObject(key, length, type, UPLOAD, body(content, length, type));
    } catch (SdkException e) {
      throw S3Errors.translate(e, "write " + describe(key));
    }
  }

  /**
   * Streams the source straight into one PutObject: no buffer, and S3 stores the bytes as they come
   * instead of writing parts and then joining them. The source cannot be sent twice, so the request
   * is not retried ({@link StreamedBody}).
   */
  private ObjectInfo putStreamed(String key, InputStream data, long length, String type) {
    StreamedBody body = new StreamedBody(data, length, key);
    try {
      return putObject(
          key, length, type, STREAMED_UPLOAD, RequestBody.fromContentProvider(body, length, type));
    } catch (RuntimeException e) {
      // The SDK wraps what the source threw, if it passes it on at all: report the source's.
      body.failure().ifPresent(failure -> throwWith(failure, e));
      if (e instanceof SdkException sdk) {
        throw S3Errors.translate(sdk, "write " + describe(key));
      }
      throw e;
    }
  }

  /** One PutObject of {@code length} bytes, and what was stored. */
  private ObjectInfo putObject(
      String key,
      long length,
      String type,
      AwsRequestOverrideConfiguration override,
      RequestBody body) {
    PutObjectResponse response =
        s3.putObject(
            b ->
                b.bucket(settings.bucket())
                    .key(key)
                    .contentType(type)
                    .contentLength(length)
                    .overrideConfiguration(override),
            body);
    return new ObjectInfo(
        key, length, type, clock.instant(), MultipartEtag.unquoted(response.eTag()));
  }

  private static void throwWith(RuntimeException failure, RuntimeException suppressed) {
    if (failure != suppressed && failure != suppressed.getCause()) {
      failure.addSuppressed(suppressed);
    }
    throw failure;
  }

  private ObjectInfo putMultipart(
      String key, InputStream data, long length, String type, byte[] buffer, int first)
      throws IOException {
    String uploadId;
    try {
      uploadId =
          s3.createMultipartUpload(
                  b ->
                      b.bucket(settings.bucket())
                          .key(key)
                          .contentType(type)
                          .overrideConfiguration(METADATA))
              .uploadId();
    } catch (SdkException e) {
      throw S3Errors.translate(e, "start an upload of " + describe(key));
    }
    boolean completed = false;
    try {
      // Returns or throws only once no part upload runs: an abort below leaves no part behind.
      PartPipeline.Result uploaded =
          new PartPipeline(partUploads, settings.partsInFlight())
              .upload(
                  key,
                  data,
                  length,
                  buffer,
                  first,
                  (partNumber, part, size) ->
                      uploadPart(key, uploadId, partNumber, part, size, type));
      List<CompletedPart> parts =
          uploaded.parts().stream()
              .map(p -> CompletedPart.builder().partNumber(p.number()).eTag(p.etag()).build())
              .toList();
      try {
        var response =
            s3.completeMultipartUpload(
                b ->
                    b.bucket(settings.bucket())
                        .key(key)
                        .uploadId(uploadId)
                        .multipartUpload(m -> m.parts(parts))
                        .overrideConfiguration(UPLOAD));
        completed = true;
        return new ObjectInfo(
            key, uploaded.size(), type, clock.instant(), MultipartEtag.unquoted(response.eTag()));
      } catch (SdkException e) {
        Optional<ObjectInfo> done =
            S3Errors.isNoSuchUpload(e) ? completedBefore(key, uploaded) : Optional.empty();
        if (done.isPresent()) {
          completed = true;
          return done.get();
        }
        throw S3Errors.translate(e, "complete the upload of " + describe(key));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw PlatformException.unavailable("Interrupted while uploading " + describe(key), e);
    } catch (RejectedExecutionException e) {
      throw PlatformException.unavailable("The connector is closed: cannot upload " + key, e);
    } finally {
      if (!completed) {
        abortQuietly(key, uploadId);
      }
    }
  }

  /**
   * The object an earlier attempt completed, for an upload that S3 says does not exist. When the
   * answer to a CompleteMultipartUpload is lost (a reset connection), the request is sent again (by
   * the SDK, or by HttpURLConnection itself), and a server that does not remember completed uploads
   * (MinIO, StorageGRID) answers NoSuchUpload, as the upload is over. The object in place is the
   * upload's if it has its size and, where the server gives one, its multipart ETag; otherwise the
   * upload was aborted or another writer came after it, and the error stands.
   */
  private Optional<ObjectInfo> completedBefore(String key, PartPipeline.Result uploaded) {
    List<String> partEtags = uploaded.parts().stream().map(PartPipeline.Part::etag).toList();
    try {
      return head(key)
          .filter(
              object ->
                  object.size() == uploaded.size()
                      && MultipartEtag.couldBe(object.etag(), partEtags));
    } catch (PlatformException e) {
      // Unknown, then: the NoSuchUpload stands.
      return Optional.empty();
    }
  }

  private String uploadPart(
      String key, String uploadId, int partNumber, byte[] buffer, int length, String type) {
    try {
      UploadPartResponse response =
          s3.uploadPart(
              b ->
                  b.bucket(settings.bucket())
                      .key(key)
                      .uploadId(uploadId)
                      .partNumber(partNumber)
                      .contentLength((long) length)
                      .overrideConfiguration(UPLOAD),
              body(buffer, length, type));
      return response.eTag();
    } catch (SdkException e) {
      throw S3Errors.translate(e, "upload part " + partNumber + " of " + describe(key));
    }
  }

  private void abortQuietly(String key, String uploadId) {
    // An interrupted upload (the host's deadline) must still be aborted, but the SDK refuses to
    // start a call on an interrupted thread: abort first, then restore the interrupt.
    boolean interrupted = Thread.interrupted();
    try {
      s3.abortMultipartUpload(
          b ->
              b.bucket(settings.bucket())
                  .key(key)
                  .uploadId(uploadId)
                  .overrideConfiguration(METADATA));
    } catch (SdkException e) {
      // The upload failed already; S3 lifecycle rules clean up what an abort could not.
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** A body re-readable on retries, without copying the buffer. */
  private static RequestBody body(byte[] buffer, int length, String type) {
    return RequestBody.fromContentProvider(
        () -> new ByteArrayInputStream(buffer, 0, length), length, type);
  }

  private int partSize(long length) {
    if (length < 0) {
      return settings.partSize();
    }
    long needed = (length + PartPipeline.MAX_PARTS - 1) / PartPipeline.MAX_PARTS;
    if (needed > (long) S3DataConnectorFactory.MAX_BUFFER_MIB * 1024 * 1024) {
      throw PlatformException.invalidArgument("Object of " + length + " bytes is too large for S3");
    }
    return (int) Math.max(settings.partSize(), needed);
  }

  private static byte[] readExactly(InputStream data, int length, String key) throws IOException {
    byte[] content = data.readNBytes(length);
    if (content.length != length) {
      throw shortUpload(key, length, content.length);
    }
    return content;
  }

  private static void requireEnd(InputStream data, long length, String key) throws IOException {
    if (data.read() >= 0) {
      throw PlatformException.invalidArgument(
          "Object '" + key + "' was declared as " + length + " bytes but more arrived");
    }
  }

  private static PlatformException shortUpload(String key, long declared, long arrived) {
    return PlatformException.invalidArgument(
        "Object '" + key + "' was declared as " + declared + " bytes but " + arrived + " arrived");
  }

  @Override
  public StoredObject get(String key, ByteRange range) {
    ObjectKeys.requireValid(key);
    ByteRange requested = range == null ? ByteRange.all() : range;
    GetObjectRequest.Builder request =
        GetObjectRequest.builder().bucket(settings.bucket()).key(key);
    if (!requested.isAll()) {
      request.range(requested.toString());
    }
    ResponseInputStream<GetObjectResponse> in;
    try {
      in = s3.getObject(request.build());
    } catch (SdkException e) {
      throw S3Errors.translate(e, "read " + describe(key));
    }
    GetObjectResponse response = in.response();
    Long contentLength = response.contentLength();
    ObjectBody body = new ObjectBody(in, contentLength == null ? -1 : contentLength);
    try {
      long size;
      InputStream stream = body;
      if (requested.isAll()) {
        size = response.contentLength();
      } else if (response.contentRange() != null) {
        size = totalSize(response.contentRange(), key);
      } else {
        // The server ignored the Range header and sent the whole object: cut the range out.
        size = response.contentLength();
        long length = requested.length(size);
        body.skipNBytes(requested.start());
        stream = new BoundedInputStream(body, length);
      }
      ObjectInfo info =
          new ObjectInfo(
              key,
              size,
              response.contentType(),
              orEpoch(response.lastModified()),
              MultipartEtag.unquoted(response.eTag()));
      return new S3StoredObject(info, stream, requested);
    } catch (IOException | RuntimeException e) {
      closeQuietly(body);
      if (e instanceof IOException io) {
        throw PlatformException.unavailable("Cannot read " + describe(key), io);
      }
      throw (RuntimeException) e;
    }
  }

  /** The total of {@code bytes 0-9/1234}. */
  private long totalSize(String contentRange, String key) {
    int slash = contentRange.lastIndexOf('/');
    String total = slash < 0 ? "*" : contentRange.substring(slash + 1).strip();
    if (total.equals("*")) {
      return head(key)
          .map(ObjectInfo::size)
          .orElseThrow(() -> PlatformException.notFound("No object with key '" + key + "'"));
    }
    try {
      return Long.parseLong(total);
    } catch (NumberFormatException e) {
      throw PlatformException.unavailable("S3 sent an invalid Content-Range: " + contentRange, e);
    }
  }

  @Override
  public Optional<ObjectInfo> head(String key) {
    ObjectKeys.requireValid(key);
    try {
      HeadObjectResponse response =
          s3.headObject(b -> b.bucket(settings.bucket()).key(key).overrideConfiguration(METADATA));
      return Optional.of(
          new ObjectInfo(
              key,
              response.contentLength(),
              response.contentType(),
              orEpoch(response.lastModified()),
              MultipartEtag.unquoted(response.eTag())));
    } catch (SdkException e) {
      if (S3Errors.isNotFound(e) && !S3Errors.isNoSuchBucket(e)) {
        requireBucketForHead();
        return Optional.empty();
      }
      throw S3Errors.translate(e, "read the metadata of " + describe(key));
    }
  }

  /**
   * A HEAD response has no body, so its 404 does not say whether the key or the bucket is missing.
   * Before the first "no such object" is believed, HeadBucket confirms the bucket: a missing one (a
   * typo, a deleted bucket) is UNAVAILABLE, not every object missing, unless {@code createBucket}
   * would create it, in which case it holds no objects indeed.
   */
  private void requireBucketForHead() {
    if (bucketReady) {
      return;
    }
    try {
      s3.headBucket(b -> b.bucket(settings.bucket()).overrideConfiguration(METADATA));
      bucketReady = true;
    } catch (SdkException e) {
      if (!S3Errors.isNotFound(e)) {
        throw S3Errors.translate(e, "reach " + settings.location());
      }
      if (!settings.createBucket()) {
        throw missingBucket();
      }
    }
  }

  private PlatformException missingBucket() {
    return new PlatformException(
        PlatformErrors.UNAVAILABLE,
        "Bucket '"
            + settings.bucket()
            + "' does not exist at "
            + endpointName()
            + ": create it or enable createBucket",
        null,
        false);
  }

  @Override
  public boolean delete(String key) {
    ObjectKeys.requireValid(key);
    if (head(key).isEmpty()) {
      return false;
    }
    try {
      s3.deleteObject(b -> b.bucket(settings.bucket()).key(key).overrideConfiguration(METADATA));
      return true;
    } catch (SdkException e) {
      throw S3Errors.translate(e, "delete " + describe(key));
    }
  }

  @Override
  public List<ObjectInfo> list(String prefix, int limit) {
    if (limit < 1) {
      throw PlatformException.invalidArgument("List limit must be at least 1, not " + limit);
    }
    String wanted = prefix == null ? "" : prefix;
    if (!wanted.isEmpty()) {
      // A prefix is valid when some valid key starts with it.
      ObjectKeys.requireValid(wanted + "x");
    }
    List<ObjectInfo> result = new ArrayList<>();
    String token = null;
    try {
      do {
        String continuation = token;
        int page = Math.min(1000, limit - result.size());
        ListObjectsV2Response response =
            s3.listObjectsV2(
                b ->
                    b.bucket(settings.bucket())
                        .prefix(wanted)
                        .maxKeys(page)
                        .continuationToken(continuation)
                        .overrideConfiguration(METADATA));
        for (S3Object object : response.contents()) {
          if (result.size() < limit) {
            result.add(
                new ObjectInfo(
                    object.key(),
                    object.size() == null ? 0 : object.size(),
                    null,
                    orEpoch(object.lastModified()),
                    MultipartEtag.unquoted(object.eTag())));
          }
        }
        token =
            Boolean.TRUE.equals(response.isTruncated()) ? response.nextContinuationToken() : null;
      } while (token != null && result.size() < limit);
    } catch (SdkException e) {
      throw S3Errors.translate(e, "list '" + wanted + "' in " + settings.location());
    }
    return List.copyOf(result);
  }

  @Override
  public URI presignedGet(String key, Duration ttl) {
    ObjectKeys.requireValid(key);
    if (ttl == null || ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_PRESIGN_TTL) > 0) {
      throw PlatformException.invalidArgument(
          "A presigned URL must live between 1 second and 7 days");
    }
    try {
      return presigner
          .presignGetObject(
              p ->
                  p.signatureDuration(ttl)
                      .getObjectRequest(g -> g.bucket(settings.bucket()).key(key)))
          .url()
          .toURI();
    } catch (SdkException e) {
      throw S3Errors.translate(e, "presign " + describe(key));
    } catch (URISyntaxException e) {
      throw new PlatformException(PlatformErrors.INTERNAL, "The SDK presigned an invalid URL", e);
    }
  }

  @Override
  public void close() {
    // Parts already sending finish (or fail and their upload is aborted); new ones are refused.
    partUploads.shutdown();
    try {
      presigner.close();
    } finally {
      s3.close();
    }
  }

  /** Describes the connector without the secret key. */
  @Override
  public String toString() {
    return "S3DataConnector{" + settings + "}";
  }

  private synchronized void ensureBucket() {
    if (bucketReady) {
      return;
    }
    try {
      s3.headBucket(b -> b.bucket(settings.bucket()).overrideConfiguration(METADATA));
    } catch (SdkException e) {
      if (!S3Errors.isNotFound(e)) {
        throw S3Errors.translate(e, "reach " + settings.location());
      }
      createBucket();
    }
    bucketReady = true;
  }

  private void createBucket() {
    try {
      s3.createBucket(b -> b.bucket(settings.bucket()).overrideConfiguration(METADATA));
      bucketReady = true;
    } catch (SdkException e) {
      String code =
          e instanceof software.amazon.awssdk.awscore.exception.AwsServiceException service
                  && service.awsErrorDetails() != null
              ? service.awsErrorDetails().errorCode()
              : null;
      if ("BucketAlreadyOwnedByYou".equals(code)) {
        bucketReady = true;
        return;
      }
      throw S3Errors.translate(e, "create " + settings.location());
    }
  }

  private String endpointName() {
    return settings.endpoint().map(URI::toString).orElse("AWS " + settings.region());
  }

  private String describe(String key) {
    return "'" + key + "' in " + settings.location();
  }

  private static Instant orEpoch(Instant instant) {
    return instant == null ? Instant.EPOCH : instant;
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // Aborting a response we do not use loses nothing.
    }
  }

  /** An open object: metadata of the whole object and a stream of the requested range. */
  private record S3StoredObject(ObjectInfo info, InputStream stream, ByteRange range)
      implements StoredObject {
    @Override
    public void close() throws IOException {
      stream.close();
    }
  }

  /** Reads at most a number of bytes of a stream. */
  private static final class BoundedInputStream extends FilterInputStream {
    private long remaining;

    BoundedInputStream(InputStream in, long limit) {
      super(in);
      this.remaining = limit;
    }

    @Override
    public int read() throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int b = super.read();
      if (b >= 0) {
        remaining--;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int n = super.read(buffer, offset, (int) Math.min(length, remaining));
      if (n > 0) {
        remaining -= n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(Math.min(n, remaining));
      remaining -= skipped;
      return skipped;
    }

    @Override
    public int available() throws IOException {
      return (int) Math.min(super.available(), remaining);
    }
  }
}
