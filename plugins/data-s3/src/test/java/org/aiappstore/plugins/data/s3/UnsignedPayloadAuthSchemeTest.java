package org.aiappstore.plugins.data.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.scheme.AwsV4AuthScheme;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** What the SDK's signer does to an upload over plain http, and what ours does instead. */
class UnsignedPayloadAuthSchemeTest {

  private static final String BODY = "part of a video";

  /** An UploadPart as the S3 client hands it to the signer: chunked encoding on, signing off. */
  private static SignRequest<AwsCredentialsIdentity> uploadPart(String protocol) {
    SdkHttpRequest request =
        SdkHttpRequest.builder()
            .protocol(protocol)
            .host("127.0.0.1")
            .port(19090)
            .method(SdkHttpMethod.PUT)
            .encodedPath("/bucket/media/x")
            .putRawQueryParameter("partNumber", "1")
            .putRawQueryParameter("uploadId", "u-1")
            .putHeader("Content-Length", String.valueOf(BODY.length()))
            .build();
    return SignRequest.builder(AwsCredentialsIdentity.create("access", "secret"))
        .request(request)
        .payload(ContentStreamProvider.fromUtf8String(BODY))
        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
        .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
        .putProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, true)
        .build();
  }

  private static String contentHash(SignedRequest signed) {
    return signed.request().firstMatchingHeader("x-amz-content-sha256").orElse(null);
  }

  private static String body(SignedRequest signed) throws IOException {
    try (InputStream in = signed.payload().orElseThrow().newStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void shouldShowThatTheSdkSignsEveryChunkOverHttpEvenWithSigningOff() {
    SignedRequest signed = AwsV4HttpSigner.create().sign(uploadPart("http"));

    assertThat(contentHash(signed)).isEqualTo("STREAMING-AWS4-HMAC-SHA256-PAYLOAD");
  }

  @Test
  void shouldLeaveTheBodyOutOfTheSignatureOverHttp() throws IOException {
    SignedRequest signed = new UnsignedPayloadAuthScheme().signer().sign(uploadPart("http"));

    assertThat(contentHash(signed)).isEqualTo("UNSIGNED-PAYLOAD");
    assertThat(signed.request().firstMatchingHeader("Authorization"))
        .hasValueSatisfying(
            auth ->
                assertThat(auth)
                    .startsWith("AWS4-HMAC-SHA256 Credential=access/")
                    .contains("x-amz-content-sha256"));
    assertThat(signed.request().firstMatchingHeader("Content-Length"))
        .contains(String.valueOf(BODY.length()));
    assertThat(signed.request().firstMatchingHeader("Content-Encoding")).isEmpty();
    assertThat(body(signed)).isEqualTo(BODY);
  }

  @Test
  void shouldSignLikeTheSdkOverHttps() throws IOException {
    SignedRequest ours = new UnsignedPayloadAuthScheme().signer().sign(uploadPart("https"));
    SignedRequest sdks = AwsV4HttpSigner.create().sign(uploadPart("https"));

    assertThat(contentHash(ours)).isEqualTo(contentHash(sdks)).isEqualTo("UNSIGNED-PAYLOAD");
    assertThat(body(ours)).isEqualTo(BODY);
  }

  @Test
  void shouldReplaceTheSdksSigV4Scheme() {
    assertThat(new UnsignedPayloadAuthScheme().schemeId()).isEqualTo(AwsV4AuthScheme.SCHEME_ID);
  }
}
