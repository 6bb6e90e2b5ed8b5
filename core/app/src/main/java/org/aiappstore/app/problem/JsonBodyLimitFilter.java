package org.aiappstore.app.problem;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.aiappstore.app.config.AppSettings;
import org.aiappstore.app.config.ConfigKey;

/**
 * Caps JSON request bodies ({@code aiappstore.api.max-json-bytes}) with 413 problem+json: at once
 * from a {@code Content-Length}, otherwise as soon as a chunked body has gone past the cap; and
 * their items ({@code aiappstore.api.max-json-values}, see {@link JsonItemCounter}) as they are
 * read. A JSON body is read whole into memory before any check of its fields can run, so without a
 * cap one request, the sign-in included, could fill the heap. Media files and import bundles are
 * streamed and capped by their own limits; they are not JSON.
 */
@Provider
@PreMatching
public class JsonBodyLimitFilter implements ContainerRequestFilter {

  @Inject AppSettings settings;

  @Override
  public void filter(ContainerRequestContext context) {
    if (!isJson(context.getMediaType())) {
      return;
    }
    long limit = settings.longValue(ConfigKey.API_MAX_JSON_BYTES);
    if (context.getLength() > limit) {
      throw new TooLarge(limit);
    }
    JsonItemCounter items =
        isUtf8(context.getMediaType())
            ? new JsonItemCounter(settings.longValue(ConfigKey.API_MAX_JSON_VALUES))
            : null;
    context.setEntityStream(new Capped(context.getEntityStream(), limit, items));
  }

  /**
   * Whether the body is UTF-8, as JSON between systems must be (RFC 8259) and as the readers take
   * it when no charset is named; in another charset the items are not counted, as its bytes could
   * look like a comma or quote inside another character.
   */
  private static boolean isUtf8(MediaType type) {
    String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
    return charset == null || charset.replace("-", "").equalsIgnoreCase("utf8");
  }

  static boolean isJson(MediaType type) {
    return type != null
        && "application".equalsIgnoreCase(type.getType())
        && ("json".equalsIgnoreCase(type.getSubtype())
            || type.getSubtype().toLowerCase(java.util.Locale.ROOT).endsWith("+json"));
  }

  /** Thrown from the filter or from a read past the cap; answered as the problem it carries. */
  static final class TooLarge extends ProblemException {
    private static final long serialVersionUID = 1L;

    TooLarge(long limit) {
      super(
          413,
          "BODY_TOO_LARGE",
          "The JSON body is larger than " + limit + " bytes, the most" + " this server reads.");
    }
  }

  private static final class Capped extends FilterInputStream {
    private final long limit;
    private final JsonItemCounter items;
    private final byte[] one = new byte[1];
    private long count;

    Capped(InputStream in, long limit, JsonItemCounter items) {
      super(in);
      this.limit = limit;
      this.items = items;
    }

    @Override
    public int read() throws IOException {
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        counted(n);
        if (items != null) {
          items.scan(buffer, offset, offset + n);
        }
      }
      return n;
    }

    private void counted(long n) {
      count += n;
      if (count > limit) {
        throw new TooLarge(limit);
      }
    }
  }
}
