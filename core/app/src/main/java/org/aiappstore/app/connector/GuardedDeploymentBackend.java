package org.aiappstore.app.connector;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.aiappstore.plugin.api.deployment.AppSpec;
import org.aiappstore.plugin.api.deployment.AppStatus;
import org.aiappstore.plugin.api.deployment.DeploymentBackend;
import org.aiappstore.plugin.api.deployment.LogListener;
import org.aiappstore.plugin.api.deployment.LogRequest;
import org.aiappstore.plugin.api.deployment.LogSubscription;
import org.aiappstore.plugin.api.deployment.ManagedApp;
import org.aiappstore.plugin.api.deployment.RenderedManifests;
import org.aiappstore.plugin.api.error.PlatformException;

/**
 * A deployment backend whose every call has a deadline and goes through the instance's circuit
 * breaker. Changes get a long deadline: a deploy or rolling update is several API-server requests,
 * each bounded by the plugin's own request timeout. Reads get a short one because the status stream
 * polls them. Log delivery happens on the backend's own thread after {@link #logs} returned, so a
 * followed log never holds a worker thread; only opening the subscription is guarded, and the log
 * counts as in flight until it ends or is closed.
 */
final class GuardedDeploymentBackend extends GuardedConnector implements DeploymentBackend {

  static final Duration CHANGE_TIMEOUT = Duration.ofSeconds(90);
  static final Duration READ_TIMEOUT = Duration.ofSeconds(15);

  private final DeploymentBackend delegate;

  GuardedDeploymentBackend(
      String instanceId,
      String pluginId,
      DeploymentBackend delegate,
      GuardedCalls calls,
      InFlight inFlight) {
    super(instanceId, pluginId, delegate, calls, inFlight);
    this.delegate = delegate;
  }

  private <T> T change(Callable<T> work) {
    return guarded(CHANGE_TIMEOUT, work);
  }

  private <T> T read(Callable<T> work) {
    return guarded(READ_TIMEOUT, work);
  }

  @Override
  public Optional<String> unavailableReason() {
    return read(delegate::unavailableReason);
  }

  @Override
  public RenderedManifests preview(AppSpec spec) {
    return read(() -> delegate.preview(spec));
  }

  @Override
  public AppStatus deploy(AppSpec spec) {
    return change(() -> delegate.deploy(spec));
  }

  @Override
  public AppStatus status(String appId) {
    return read(() -> delegate.status(appId));
  }

  @Override
  public AppStatus update(AppSpec spec) {
    return change(() -> delegate.update(spec));
  }

  @Override
  public AppStatus scale(String appId, int replicas) {
    return change(() -> delegate.scale(appId, replicas));
  }

  @Override
  public AppStatus restore(AppSpec spec) {
    return change(() -> delegate.restore(spec));
  }

  @Override
  public boolean delete(String appId) {
    return change(() -> delegate.delete(appId));
  }

  @Override
  public LogSubscription logs(String appId, LogRequest request, LogListener listener) {
    Runnable done = inFlight.open();
    try {
      LogSubscription subscription =
          calls.call(
              instanceId,
              pluginId,
              READ_TIMEOUT,
              () -> delegate.logs(appId, request, new CountedListener(listener, done)));
      return new CountedSubscription(subscription, done);
    } catch (RuntimeException e) {
      done.run();
      throw e;
    }
  }

  /** A followed log stays in flight until it ends, fails or is closed. */
  private record CountedListener(LogListener listener, Runnable done) implements LogListener {

    @Override
    public void onLine(String pod, String container, String line, Instant timestamp) {
      listener.onLine(pod, container, line, timestamp);
    }

    @Override
    public void onEnd() {
      try {
        listener.onEnd();
      } finally {
        done.run();
      }
    }

    @Override
    public void onError(PlatformException error) {
      try {
        listener.onError(error);
      } finally {
        done.run();
      }
    }
  }

  private record CountedSubscription(LogSubscription subscription, Runnable done)
      implements LogSubscription {

    @Override
    public boolean isOpen() {
      return subscription.isOpen();
    }

    @Override
    public void close() {
      try {
        subscription.close();
      } finally {
        done.run();
      }
    }
  }

  @Override
  public List<ManagedApp> listManaged() {
    return read(delegate::listManaged);
  }
}
