package org.aiappstore.app.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import org.aiappstore.app.http.AnswerWait;

/**
 * Sends one signed POST. Redirects are not followed: a receiver on an allowed host must not be able
 * to bounce the request to a host that is not allowed. Only the status counts: the answer's body is
 * never read, and the whole exchange, up to the answer's headers, takes at most the timeout, so a
 * receiver that stalls can hold up no delivery for longer.
 */
public class HttpDelivery {

  private final HttpClient client;
  private final Duration timeout;

  public HttpDelivery(Duration timeout) {
    this.timeout = timeout;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** The response status; throws with a message fit for the delivery log when none came. */
  public int post(String url, Map<String, String> headers, byte[] body) throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .header("User-Agent", "AIAppStore-Webhooks/1")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    try {
      HttpResponse<InputStream> answer =
          AnswerWait.within(
              client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream()),
              timeout);
      // Closed unread: the connection is dropped rather than drained.
      answer.body().close();
      return answer.statusCode();
    } catch (HttpConnectTimeoutException e) {
      throw new IOException("connect timed out after " + timeout.toSeconds() + " s", e);
    } catch (HttpTimeoutException e) {
      throw new IOException("no answer within " + timeout.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
