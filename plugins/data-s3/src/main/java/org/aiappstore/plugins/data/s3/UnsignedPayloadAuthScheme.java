package org.aiappstore.plugins.data.s3;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.auth.aws.scheme.AwsV4AuthScheme;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignRequest;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignedRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.identity.spi.IdentityProviders;

/**
 * SigV4 that leaves request bodies out of the signature ({@code x-amz-content-sha256:
 * UNSIGNED-PAYLOAD}) over plain http too. The SDK does so over https for S3 already, but always
 * hashes the body into the signature over http, with no setting to turn that off
 * (aws/aws-sdk-java-v2#5103): a SHA-256 pass over every uploaded byte here and another one on the
 * server checking it. Headers, path and query stay signed, so credentials and the request's target
 * are as safe as before; only an alteration of the body on the way goes unnoticed, as over https
 * without TLS.
 */
final class UnsignedPayloadAuthScheme implements AwsV4AuthScheme {

  private final AwsV4HttpSigner signer = new UnsignedPayloadSigner(AwsV4HttpSigner.create());

  @Override
  public String schemeId() {
    return SCHEME_ID;
  }

  @Override
  public IdentityProvider<AwsCredentialsIdentity> identityProvider(IdentityProviders providers) {
    return providers.identityProvider(AwsCredentialsIdentity.class);
  }

  @Override
  public AwsV4HttpSigner signer() {
    return signer;
  }

  /**
   * Signs the request as if it had no body, which the SDK signs with {@code UNSIGNED-PAYLOAD} when
   * payload signing is off, then puts the body back.
   */
  static final class UnsignedPayloadSigner implements AwsV4HttpSigner {

    private final AwsV4HttpSigner delegate;

    UnsignedPayloadSigner(AwsV4HttpSigner delegate) {
      this.delegate = delegate;
    }

    @Override
    public SignedRequest sign(SignRequest<? extends AwsCredentialsIdentity> request) {
      Optional<ContentStreamProvider> payload = request.payload();
      if (payload.isEmpty()) {
        return delegate.sign(request);
      }
      SignedRequest signed = delegate.sign(withoutPayload(request));
      return signed.copy(b -> b.payload(payload.get()));
    }

    private static <T extends AwsCredentialsIdentity> SignRequest<T> withoutPayload(
        SignRequest<T> request) {
      return request.copy(
          b ->
              b.payload(null)
                  .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                  .putProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, false));
    }

    /** Not used: the connector's client is synchronous. */
    @Override
    public CompletableFuture<AsyncSignedRequest> signAsync(
        AsyncSignRequest<? extends AwsCredentialsIdentity> request) {
      return delegate.signAsync(request);
    }
  }
}
