package org.aiappstore.plugins.data.s3;

import java.net.URI;
import java.util.Optional;

/**
 * Validated settings of one S3 connector. {@link #toString()} leaves out the secret key.
 *
 * @param endpoint the S3 endpoint, or empty for Amazon S3 in {@code region}
 * @param region the signing region
 * @param bucket the bucket holding the objects
 * @param accessKey the access key id
 * @param secretKey the secret access key; never print it
 * @param pathStyle whether to address the bucket in the path rather than the host name
 * @param createBucket whether a missing bucket is created
 * @param multipartThreshold objects of known length below this many bytes are buffered and sent in
 *     one PutObject
 * @param streamingLimit objects of known length from {@code multipartThreshold} up to this many
 *     bytes are streamed in one PutObject without buffering; larger ones use multipart uploads
 * @param partSize the size of each multipart part, in bytes
 * @param partsInFlight how many parts of one multipart upload are sent at once while the next one
 *     is read
 * @param payloadSigning whether request bodies sent over plain http are hashed into the signature
 */
record S3Settings(
    Optional<URI> endpoint,
    String region,
    String bucket,
    String accessKey,
    String secretKey,
    boolean pathStyle,
    boolean createBucket,
    long multipartThreshold,
    long streamingLimit,
    int partSize,
    int partsInFlight,
    boolean payloadSigning) {

  /** Where the objects live, for messages: never contains credentials. */
  String location() {
    return "bucket '" + bucket + "' at " + endpoint.map(URI::toString).orElse("AWS " + region);
  }

  @Override
  public String toString() {
    return "S3Settings{endpoint="
        + endpoint.map(URI::toString).orElse("(AWS)")
        + ", region="
        + region
        + ", bucket="
        + bucket
        + ", accessKey="
        + accessKey
        + ", secretKey=********, pathStyle="
        + pathStyle
        + ", createBucket="
        + createBucket
        + ", multipartThreshold="
        + multipartThreshold
        + ", streamingLimit="
        + streamingLimit
        + ", partSize="
        + partSize
        + ", partsInFlight="
        + partsInFlight
        + ", payloadSigning="
        + payloadSigning
        + "}";
  }
}
