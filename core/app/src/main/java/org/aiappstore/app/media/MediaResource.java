package org.aiappstore.app.media;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.aiappstore.app.identity.security.Caller;
import org.aiappstore.app.problem.Problem;
import org.aiappstore.app.problem.ProblemException;
import org.aiappstore.app.problem.QueryParameters;
import org.aiappstore.plugin.api.data.ByteRange;
import org.aiappstore.plugin.api.data.StoredObject;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Images and videos for model cards. Uploads are the raw file as the request body (not multipart);
 * reads stream the stored bytes with caching and range support. A file someone may not read is
 * answered 404, never 403, so its existence does not leak.
 */
@Path("v1/media")
@RequestScoped
@Tag(name = "Media")
public class MediaResource {

  static final String CACHE_CONTROL = "private, max-age=31536000, immutable";

  @Inject MediaService media;
  @Inject MediaUrlSigner signer;
  @Context HttpServletRequest request;

  @POST
  @RolesAllowed("user")
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Upload an image (PNG, JPEG, GIF, WebP) or video (MP4, WebM): the body is the raw file")
  public Response upload(
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      @QueryParam("name") String name,
      InputStream body) {
    Caller caller = Caller.required(request);
    MediaView created =
        media.upload(caller, contentType, request.getContentLengthLong(), name, body);
    return Response.created(URI.create(MediaView.BASE_PATH + created.id())).entity(created).build();
  }

  @GET
  @RolesAllowed("user")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Your media files, newest first")
  public MediaPage list(
      @QueryParam("page") @DefaultValue("0") String page,
      @QueryParam("size") @DefaultValue("20") String size) {
    List<Problem.FieldError> errors = new ArrayList<>();
    int pageNumber = QueryParameters.integer(page, 0, 1_000_000, "/page", errors);
    int pageSize = QueryParameters.integer(size, 1, 100, "/size", errors);
    if (!errors.isEmpty()) {
      throw new ProblemException(
          400, "INVALID_QUERY", "The query has invalid parameters.", errors, Map.of());
    }
    return media.listOwn(Caller.required(request), pageNumber, pageSize);
  }

  @GET
  @Path("{id}")
  @PermitAll
  @Produces(MediaType.WILDCARD)
  @Operation(
      summary =
          "The bytes of a media file; supports Range and If-None-Match. Needs a token, or the"
              + " exp and sig of a signed URL")
  public Response read(
      @PathParam("id") String id,
      @QueryParam("exp") String exp,
      @QueryParam("sig") String sig,
      @HeaderParam("Range") String range,
      @HeaderParam("If-Range") String ifRange,
      @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
    MediaRecord record = authorized(id, exp, sig);
    Answer answer = answer(record, range, ifRange, ifNoneMatch);
    if (answer.notModified()) {
      return answer.headers().build();
    }
    RangeRequest wanted = answer.range();
    ByteRange bytes =
        wanted.kind() == RangeRequest.Kind.PARTIAL
            ? ByteRange.of(wanted.start(), wanted.end())
            : ByteRange.all();
    // Opened here, not in the StreamingOutput: an unavailable store is still a 503 problem.
    StoredObject object = media.open(record, bytes);
    StreamingOutput body =
        output -> {
          try (StoredObject open = object;
              InputStream in = open.stream()) {
            in.transferTo(output);
          }
        };
    return answer.headers().entity(body).build();
  }

  @HEAD
  @Path("{id}")
  @PermitAll
  @Produces(MediaType.WILDCARD)
  @Operation(summary = "The headers of a media file, from its record (the store is not asked)")
  public Response head(
      @PathParam("id") String id,
      @QueryParam("exp") String exp,
      @QueryParam("sig") String sig,
      @HeaderParam("Range") String range,
      @HeaderParam("If-Range") String ifRange,
      @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
    return answer(authorized(id, exp, sig), range, ifRange, ifNoneMatch).headers().build();
  }

  /**
   * A signed URL is its own credential (it was handed out to someone allowed to see the file);
   * without one, the caller must be signed in and allowed to read the file.
   */
  private MediaRecord authorized(String id, String exp, String sig) {
    if (sig != null && signer.verify(id, exp, sig)) {
      return media.signed(id);
    }
    return media.readable(Caller.required(request), id);
  }

  @DELETE
  @Path("{id}")
  @RolesAllowed("user")
  @Operation(summary = "Delete a media file (its owner or an admin)")
  public Response delete(@PathParam("id") String id) {
    media.delete(Caller.required(request), id);
    return Response.noContent().build();
  }

  /** The status and headers of a read, before any byte is fetched. */
  private record Answer(
      boolean notModified, RangeRequest range, Response.ResponseBuilder headers) {}

  private static Answer answer(
      MediaRecord record, String range, String ifRange, String ifNoneMatch) {
    String etag = "\"" + record.sha256() + "\"";
    if (matches(ifNoneMatch, etag)) {
      return new Answer(true, null, common(Response.notModified(), record, etag));
    }
    // The content of an id never changes, but honour If-Range as the RFC asks.
    boolean rangeApplies = ifRange == null || ifRange.trim().equals(etag);
    RangeRequest wanted = RangeRequest.parse(rangeApplies ? range : null, record.size());
    switch (wanted.kind()) {
      case UNSATISFIABLE:
        throw new ProblemException(
            416,
            "RANGE_NOT_SATISFIABLE",
            "The file has " + record.size() + " bytes; the requested range is outside it.",
            List.of(),
            Map.of("Content-Range", "bytes */" + record.size(), "Accept-Ranges", "bytes"));
      case PARTIAL:
        return new Answer(
            false,
            wanted,
            common(Response.status(206), record, etag)
                .type(record.contentType())
                .header("Content-Range", wanted.contentRange(record.size()))
                .header(HttpHeaders.CONTENT_LENGTH, wanted.length()));
      default:
        return new Answer(
            false,
            wanted,
            common(Response.ok(), record, etag)
                .type(record.contentType())
                .header(HttpHeaders.CONTENT_LENGTH, record.size()));
    }
  }

  private static Response.ResponseBuilder common(
      Response.ResponseBuilder builder, MediaRecord record, String etag) {
    return builder
        .header(HttpHeaders.ETAG, etag)
        .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL)
        .header("Accept-Ranges", "bytes")
        // X-Content-Type-Options: nosniff comes with every answer (SecurityHeadersFilter).
        .header("Content-Disposition", "inline");
  }

  /** Whether an If-None-Match list names this (strong) entity tag; weak tags compare weakly. */
  static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String candidate : ifNoneMatch.split(",")) {
      String tag = candidate.trim();
      if (tag.startsWith("W/")) {
        tag = tag.substring(2);
      }
      if (tag.equals("*") || tag.equals(etag)) {
        return true;
      }
    }
    return false;
  }
}
