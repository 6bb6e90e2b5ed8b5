package org.aiappstore.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.response.Response;
import jakarta.json.Json;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.aiappstore.plugin.tck.data.testing.S3ProxyProcess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Uploading, reading and deleting images and videos; the store is the active data connector. */
class MediaIT {

  private static final String MEDIA = "/api/v1/media";
  private static final long IMAGE_LIMIT = 10L * 1024 * 1024;
  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};

  private static String owner;
  private static String other;
  private static byte[] png;

  @BeforeAll
  static void signIn() throws IOException {
    owner = AuthIT.newSession("user").accessToken();
    other = AuthIT.newSession("user").accessToken();
    png = png(32, 24, 1);
  }

  /** A real PNG with noisy pixels, so it is a few kilobytes. */
  static byte[] png(int width, int height, long seed) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(seed);
    for (int x = 0; x < width; x++) {
      for (int y = 0; y < height; y++) {
        image.setRGB(x, y, random.nextInt(0x1000000));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  static Response upload(String token, byte[] content, String type, String name) {
    return AuthIT.as(token).contentType(type).queryParam("name", name).body(content).post(MEDIA);
  }

  static String uploaded(String token, byte[] content) {
    return upload(token, content, "image/png", "picture.png")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  static String sha256(byte[] content) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
  }

  @Nested
  class WhenUploading {

    @Test
    void shouldStoreAPngAndDescribeIt() throws Exception {
      Response created = upload(owner, png, "image/png", "cat picture.png");

      created
          .then()
          .statusCode(201)
          .contentType("application/json")
          .body("contentType", equalTo("image/png"))
          .body("kind", equalTo("image"))
          .body("size", equalTo(png.length))
          .body("sha256", equalTo(sha256(png)))
          .body("name", equalTo("cat picture.png"));
      String id = created.path("id");
      assertSoftly(
          softly -> {
            softly.assertThat(created.<String>path("url")).startsWith(MEDIA + "/" + id + "?exp=");
            softly.assertThat(created.header("Location")).endsWith(MEDIA + "/" + id);
            softly.assertThat(Instant.parse(created.path("createdAt"))).isBefore(Instant.now());
          });
    }

    @Test
    void shouldRefusePngBytesDeclaredAsVideo() {
      upload(owner, png, "video/mp4", "x.mp4")
          .then()
          .statusCode(415)
          .contentType("application/problem+json")
          .body("code", equalTo("MEDIA_TYPE_MISMATCH"));
    }

    @Test
    void shouldRefuseSvg() {
      byte[] svg =
          "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
              .getBytes(StandardCharsets.UTF_8);
      upload(owner, svg, "image/svg+xml", "x.svg")
          .then()
          .statusCode(415)
          .contentType("application/problem+json")
          .body("code", equalTo("UNSUPPORTED_MEDIA"));
    }

    @Test
    void shouldRefuseANameLongerThan200Characters() {
      upload(owner, png, "image/png", "n".repeat(201))
          .then()
          .statusCode(422)
          .body("errors[0].pointer", equalTo("/name"));
    }

    @Test
    void shouldRefuseAnImageOverTheLimitByItsContentLength() throws Exception {
      HttpResponse<String> response = oversized(IMAGE_LIMIT + 1);

      assertThat(response.statusCode()).isEqualTo(413);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue("application/problem+json");
      assertThat(response.body()).contains("MEDIA_TOO_LARGE").contains(String.valueOf(IMAGE_LIMIT));
    }

    @Test
    void shouldCutOffAChunkedImageOverTheLimit() throws Exception {
      HttpResponse<String> response = oversized(-1);

      assertThat(response.statusCode()).isEqualTo(413);
      assertThat(response.body()).contains("MEDIA_TOO_LARGE").contains(String.valueOf(IMAGE_LIMIT));
      // Nothing of it was kept.
      AuthIT.as(owner)
          .get(MEDIA + "?size=100")
          .then()
          .statusCode(200)
          .body("items.findAll { it.size > " + IMAGE_LIMIT + " }.size()", equalTo(0));
    }

    /**
     * PNG magic followed by zeros, one byte more than the image limit, generated while sent: with a
     * Content-Length when {@code declaredLength} is not -1, chunked otherwise.
     */
    private HttpResponse<String> oversized(long declaredLength) throws Exception {
      long total = IMAGE_LIMIT + 1;
      HttpRequest.BodyPublisher stream =
          HttpRequest.BodyPublishers.ofInputStream(() -> new PngPrefixedZeros(total));
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(ApiIT.baseUrl() + MEDIA))
              .header("Authorization", "Bearer " + owner)
              .header("Content-Type", "image/png")
              .timeout(Duration.ofSeconds(60))
              .POST(
                  declaredLength < 0
                      ? stream
                      : HttpRequest.BodyPublishers.fromPublisher(stream, declaredLength))
              .build();
      return HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .build()
          .send(request, HttpResponse.BodyHandlers.ofString());
    }
  }

  /** A stream of a PNG signature and then zeros, never held in memory. */
  static final class PngPrefixedZeros extends InputStream {
    private final long total;
    private long position;

    PngPrefixedZeros(long total) {
      this.total = total;
    }

    @Override
    public int read() {
      if (position >= total) {
        return -1;
      }
      int b = position < PNG_MAGIC.length ? PNG_MAGIC[(int) position] & 0xFF : 0;
      position++;
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      if (position >= total) {
        return -1;
      }
      int n = (int) Math.min(length, total - position);
      Arrays.fill(buffer, offset, offset + n, (byte) 0);
      for (int i = 0; i < n && position + i < PNG_MAGIC.length; i++) {
        buffer[offset + i] = PNG_MAGIC[(int) position + i];
      }
      position += n;
      return n;
    }
  }

  @Nested
  class WhenReading {

    @Test
    void shouldServeTheSameBytesWithSafeCachingHeaders() throws Exception {
      String id = uploaded(owner, png);

      Response read = AuthIT.as(owner).get(MEDIA + "/" + id);

      read.then().statusCode(200);
      assertThat(read.asByteArray()).isEqualTo(png);
      assertSoftly(
          softly -> {
            softly.assertThat(read.contentType()).isEqualTo("image/png");
            softly.assertThat(read.header("X-Content-Type-Options")).isEqualTo("nosniff");
            softly.assertThat(read.header("Content-Disposition")).isEqualTo("inline");
            softly.assertThat(read.header("ETag")).isEqualTo("\"" + sha256Quietly(png) + "\"");
            softly
                .assertThat(read.header("Cache-Control"))
                .isEqualTo("private, max-age=31536000, immutable");
            softly.assertThat(read.header("Accept-Ranges")).isEqualTo("bytes");
          });
    }

    @Test
    void shouldAnswerNotModifiedToItsOwnEtag() throws Exception {
      String id = uploaded(owner, png);
      String etag = AuthIT.as(owner).get(MEDIA + "/" + id).header("ETag");

      Response cached = AuthIT.as(owner).header("If-None-Match", etag).get(MEDIA + "/" + id);

      cached.then().statusCode(304).header("ETag", etag);
      assertThat(cached.asByteArray()).isEmpty();
      AuthIT.as(owner)
          .header("If-None-Match", "\"something-else\"")
          .get(MEDIA + "/" + id)
          .then()
          .statusCode(200);
    }

    @Test
    void shouldServeTheFirstBytes() {
      String id = uploaded(owner, png);

      Response partial = AuthIT.as(owner).header("Range", "bytes=0-9").get(MEDIA + "/" + id);

      partial
          .then()
          .statusCode(206)
          .header("Content-Range", "bytes 0-9/" + png.length)
          .header("Content-Length", "10");
      assertThat(partial.asByteArray()).isEqualTo(Arrays.copyOfRange(png, 0, 10));
    }

    @Test
    void shouldServeTheLastBytes() {
      String id = uploaded(owner, png);

      Response partial = AuthIT.as(owner).header("Range", "bytes=-5").get(MEDIA + "/" + id);

      partial
          .then()
          .statusCode(206)
          .header(
              "Content-Range",
              "bytes " + (png.length - 5) + "-" + (png.length - 1) + "/" + png.length);
      assertThat(partial.asByteArray())
          .isEqualTo(Arrays.copyOfRange(png, png.length - 5, png.length));
    }

    @Test
    void shouldRefuseARangeBeyondTheEnd() {
      String id = uploaded(owner, png);

      AuthIT.as(owner)
          .header("Range", "bytes=" + png.length + "-")
          .get(MEDIA + "/" + id)
          .then()
          .statusCode(416)
          .header("Content-Range", "bytes */" + png.length);
    }

    @Test
    void shouldServeTheWholeFileForSeveralRanges() {
      String id = uploaded(owner, png);

      Response whole = AuthIT.as(owner).header("Range", "bytes=0-1,4-5").get(MEDIA + "/" + id);

      whole.then().statusCode(200);
      assertThat(whole.asByteArray()).isEqualTo(png);
    }

    @Test
    void shouldAnswerHeadWithTheHeadersOnly() {
      String id = uploaded(owner, png);

      AuthIT.as(owner)
          .head(MEDIA + "/" + id)
          .then()
          .statusCode(200)
          .header("Content-Length", String.valueOf(png.length))
          .header("Content-Type", "image/png");
    }

    @Test
    void shouldLetAnAdminRead() {
      String id = uploaded(owner, png);

      AuthIT.asAdmin().get(MEDIA + "/" + id).then().statusCode(200);
    }

    @Test
    void shouldHideAFileFromAnotherUser() {
      String id = uploaded(owner, png);

      AuthIT.as(other)
          .get(MEDIA + "/" + id)
          .then()
          .statusCode(404)
          .contentType("application/problem+json");
      AuthIT.as(other).delete(MEDIA + "/" + id).then().statusCode(404);
      AuthIT.as(owner).get(MEDIA + "/" + id).then().statusCode(200);
    }

    @Test
    void shouldAskForSignInWithoutAToken() {
      String id = uploaded(owner, png);

      ApiIT.given().get(MEDIA + "/" + id).then().statusCode(401);
    }
  }

  @Nested
  class WhenListingAndDeleting {

    @Test
    void shouldListOnlyTheCallersOwnFilesNewestFirst() throws Exception {
      String lister = AuthIT.newSession("user").accessToken();
      String first = uploaded(lister, png(8, 8, 2));
      String second = uploaded(lister, png(8, 8, 3));
      uploaded(other, png);

      AuthIT.as(lister)
          .get(MEDIA)
          .then()
          .statusCode(200)
          .body("total", equalTo(2))
          .body("page", equalTo(0))
          .body("items.id", equalTo(List.of(second, first)));
      AuthIT.as(lister)
          .get(MEDIA + "?page=1&size=1")
          .then()
          .statusCode(200)
          .body("items.id", equalTo(List.of(first)))
          .body("size", equalTo(1));
      AuthIT.as(lister).get(MEDIA + "?size=101").then().statusCode(400);
    }

    @Test
    void shouldDeleteTheFileForGood() {
      String id = uploaded(owner, png);

      AuthIT.as(owner).delete(MEDIA + "/" + id).then().statusCode(204);

      AuthIT.as(owner).get(MEDIA + "/" + id).then().statusCode(404);
      AuthIT.as(owner).delete(MEDIA + "/" + id).then().statusCode(404);
    }

    @Test
    void shouldLetAnAdminDelete() {
      String id = uploaded(owner, png);

      AuthIT.asAdmin().delete(MEDIA + "/" + id).then().statusCode(204);
      AuthIT.as(owner).get(MEDIA + "/" + id).then().statusCode(404);
    }
  }

  /**
   * With an S3 instance active, uploads go to its bucket and are read from it, while files stored
   * before stay readable from the filesystem; an S3 outage is a quick 503, and reads recover when
   * S3 is back.
   */
  @Nested
  class WhenStoredOnS3 {

    private static final String ID = "s3-media-it";
    private static final String BUCKET = "media-it";

    @Test
    void shouldStoreInTheBucketAndSurviveAnOutage() throws Exception {
      Path directory = Files.createTempDirectory("s3proxy-media-it");
      S3ProxyProcess s3 = S3ProxyProcess.start(directory);
      String onS3 = null;
      try {
        String onFilesystem = uploaded(owner, png);
        createAndActivate(s3);

        byte[] content = png(16, 16, 4);
        onS3 = uploaded(owner, content);
        assertThat(filesUnder(directory.resolve("data").resolve(BUCKET)))
            .anySatisfy(file -> assertThat(Files.readAllBytes(file)).isEqualTo(content));
        assertThat(AuthIT.as(owner).get(MEDIA + "/" + onS3).asByteArray()).isEqualTo(content);
        assertThat(AuthIT.as(owner).get(MEDIA + "/" + onFilesystem).asByteArray()).isEqualTo(png);

        int port = s3.endpoint().getPort();
        s3.close();
        Response down = AuthIT.as(owner).get(MEDIA + "/" + onS3);
        down.then().statusCode(503).contentType("application/problem+json");
        assertThat(down.time()).as("a store outage answers within 5 s").isLessThan(5000);

        s3 = S3ProxyProcess.start(directory, port);
        // Up to the circuit breaker's pause plus a call: the connector is tried again by itself.
        Response back = awaitRead(MEDIA + "/" + onS3, Duration.ofSeconds(90));
        assertThat(back.asByteArray()).isEqualTo(content);
      } finally {
        backToTheFilesystem(onS3, s3);
      }
    }

    @Test
    void shouldStreamAVideoOfKnownLengthIntoTheBucket() throws Exception {
      Path directory = Files.createTempDirectory("s3proxy-media-it");
      S3ProxyProcess s3 = S3ProxyProcess.start(directory);
      String id = null;
      try {
        createAndActivate(s3);
        // Above the connector's 16 MiB multipart threshold: streamed in one PutObject from the
        // request body, with the SHA-256 computed on the way.
        byte[] video = mp4(24 * 1024 * 1024 + 3);

        Response created = upload(owner, video, "video/mp4", "clip.mp4");

        created
            .then()
            .statusCode(201)
            .body("kind", equalTo("video"))
            .body("size", equalTo(video.length))
            .body("sha256", equalTo(sha256(video)));
        id = created.path("id");
        assertThat(filesUnder(directory.resolve("data").resolve(BUCKET)))
            .anySatisfy(file -> assertThat(Files.size(file)).isEqualTo(video.length));
        assertThat(AuthIT.as(owner).get(MEDIA + "/" + id).asByteArray()).isEqualTo(video);
      } finally {
        backToTheFilesystem(id, s3);
      }
    }

    /**
     * Leaves the server as the other tests expect it: media on the local filesystem, without the S3
     * connector, the medium stored on S3 (if any) and the S3 server.
     */
    private void backToTheFilesystem(String mediumOnS3, S3ProxyProcess s3)
        throws InterruptedException {
      AuthIT.asAdmin().post("/api/v1/admin/connectors/filesystem/activate");
      if (mediumOnS3 != null) {
        AuthIT.as(owner).delete(MEDIA + "/" + mediumOnS3);
      }
      AuthIT.asAdmin().delete("/api/v1/admin/connectors/" + ID);
      s3.close();
    }

    /** An MP4 file type box and then random bytes. */
    private byte[] mp4(int length) {
      byte[] video = new byte[length];
      new Random(6).nextBytes(video);
      byte[] ftyp = {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0};
      System.arraycopy(ftyp, 0, video, 0, ftyp.length);
      return video;
    }

    private void createAndActivate(S3ProxyProcess s3) {
      AuthIT.asAdmin()
          .contentType("application/json")
          .body(
              Json.createObjectBuilder(
                      Map.of(
                          "id", ID,
                          "kind", "data-connector",
                          "factoryId", "s3",
                          "displayName", "S3 for the media test",
                          "config",
                              Map.of(
                                  "endpoint",
                                  s3.endpoint().toString(),
                                  "bucket",
                                  BUCKET,
                                  "accessKey",
                                  S3ProxyProcess.ACCESS_KEY,
                                  "secretKey",
                                  S3ProxyProcess.SECRET_KEY,
                                  "createBucket",
                                  "true")))
                  .build()
                  .toString())
          .post("/api/v1/admin/connectors")
          .then()
          .statusCode(201);
      AuthIT.asAdmin()
          .post("/api/v1/admin/connectors/" + ID + "/activate")
          .then()
          .statusCode(200)
          .body("active", equalTo(true));
    }

    private List<Path> filesUnder(Path directory) throws IOException {
      try (Stream<Path> files = Files.walk(directory)) {
        return files.filter(Files::isRegularFile).toList();
      }
    }

    private Response awaitRead(String path, Duration within) throws InterruptedException {
      Instant deadline = Instant.now().plus(within);
      while (true) {
        Response response = AuthIT.as(owner).get(path);
        if (response.statusCode() == 200) {
          return response;
        }
        assertThat(Instant.now()).as("readable again within %s", within).isBefore(deadline);
        Thread.sleep(1000); // polling the server: there is no event to wait on
      }
    }
  }

  private static String sha256Quietly(byte[] content) {
    try {
      return sha256(content);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
