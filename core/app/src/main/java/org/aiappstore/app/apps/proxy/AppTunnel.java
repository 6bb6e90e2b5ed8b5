package org.aiappstore.app.apps.proxy;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One proxied WebSocket once both sides switched protocols: bytes copied as they come, browser to
 * app as the container signals them ({@link ReadListener}), app to browser on a thread of its own.
 * The frames pass untouched (the browser and the app negotiated them, compression included).
 *
 * <p>Ending: the browser leaving closes the app's connection. When the proxy ends a connection
 * itself (the caller lost access, or the app's connection dropped without a Close frame), it first
 * sends the browser a Close frame with a status code, between two of the app's frames: the
 * browser's WebSocket then reports why, and closes its side, rather than waiting on a silent
 * connection.
 */
public class AppTunnel implements HttpUpgradeHandler {

  private static final Logger LOG = Logger.getLogger(AppTunnel.class.getName());
  private static final int BUFFER = 8192;

  /** RFC 6455 status codes of the Close frames the proxy sends. */
  static final int GOING_AWAY = 1001;

  static final int POLICY_VIOLATION = 1008;

  private final AtomicBoolean closed = new AtomicBoolean();

  /** Held while writing to the browser: the app's bytes and the proxy's Close frame never mix. */
  private final ReentrantLock writing = new ReentrantLock();

  private final FrameBoundary frames = new FrameBoundary();
  private UpstreamHandshake.Connection app;
  private String appId;
  private BooleanSupplier allowed;
  private AppTunnels tunnels;
  private volatile WebConnection browser;
  private volatile ServletOutputStream toBrowser;

  /** Required by the container, which creates the handler. */
  public AppTunnel() {}

  /**
   * Hands the tunnel its app connection (upgraded already) and the place reserved for it; from here
   * on the tunnel closes the connection and gives the place back.
   */
  void attach(
      UpstreamHandshake.Connection app, String appId, BooleanSupplier allowed, AppTunnels tunnels) {
    this.app = app;
    this.appId = appId;
    this.allowed = allowed;
    this.tunnels = tunnels;
  }

  @Override
  public void init(WebConnection connection) {
    browser = connection;
    try {
      // No read timeout from here on: a WebSocket may stay quiet for long.
      app.socket().setSoTimeout(0);
      ServletInputStream in = connection.getInputStream();
      toBrowser = connection.getOutputStream();
      tunnels.started(this, this::appToBrowser);
      in.setReadListener(new BrowserToApp(in));
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, "WebSocket to app " + appId + " could not start", e);
      close();
    }
  }

  /** Whether the caller may still use the app. */
  boolean stillAllowed() {
    return allowed.getAsBoolean();
  }

  private void appToBrowser() {
    byte[] buffer = new byte[BUFFER];
    try {
      int read;
      while ((read = app.in().read(buffer)) >= 0) {
        writing.lock();
        try {
          if (closed.get()) {
            return;
          }
          toBrowser.write(buffer, 0, read);
          toBrowser.flush();
          frames.advance(buffer, 0, read);
        } finally {
          writing.unlock();
        }
      }
    } catch (IOException e) {
      LOG.log(Level.FINE, "WebSocket from app " + appId + " ended", e);
    }
    end(GOING_AWAY, "The app closed the connection.");
  }

  private final class BrowserToApp implements ReadListener {
    private final ServletInputStream in;
    private final byte[] buffer = new byte[BUFFER];

    BrowserToApp(ServletInputStream in) {
      this.in = in;
    }

    @Override
    public void onDataAvailable() throws IOException {
      while (in.isReady()) {
        int read = in.read(buffer);
        if (read < 0) {
          break;
        }
        app.out().write(buffer, 0, read);
      }
      app.out().flush();
    }

    @Override
    public void onAllDataRead() {
      close();
    }

    @Override
    public void onError(Throwable t) {
      LOG.log(Level.FINE, "WebSocket from the browser to app " + appId + " ended", t);
      close();
    }
  }

  /**
   * Ends the connection from the proxy's side: a Close frame with {@code code} to the browser when
   * one may be sent now (between frames, none sent by the app yet), then {@link #close()}.
   */
  void end(int code, String reason) {
    try {
      if (toBrowser != null && writing.tryLock(1, TimeUnit.SECONDS)) {
        try {
          if (!closed.get() && frames.atBoundary() && !frames.closeSeen()) {
            toBrowser.write(FrameBoundary.closeFrame(code, reason));
            toBrowser.flush();
          }
        } finally {
          writing.unlock();
        }
      }
    } catch (IOException e) {
      LOG.log(Level.FINE, "Could not send the browser the end of a WebSocket to app " + appId, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    close();
  }

  /** Closes both connections; the first call only. */
  void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      app.socket().close();
    } catch (IOException e) {
      LOG.log(Level.FINE, "Closing a WebSocket to app " + appId, e);
    }
    WebConnection connection = browser;
    if (connection != null) {
      try {
        connection.close();
      } catch (Exception e) {
        LOG.log(Level.FINE, "Closing a WebSocket from the browser to app " + appId, e);
      }
    }
    tunnels.ended(this);
  }

  @Override
  public void destroy() {
    close();
  }
}
