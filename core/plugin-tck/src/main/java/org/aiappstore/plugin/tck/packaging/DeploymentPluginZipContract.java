package org.aiappstore.plugin.tck.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.aiappstore.plugin.api.ConnectorContext;
import org.aiappstore.plugin.api.config.ConnectorConfig;
import org.aiappstore.plugin.api.deployment.AppLabels;
import org.aiappstore.plugin.api.deployment.AppPhase;
import org.aiappstore.plugin.api.deployment.AppSpec;
import org.aiappstore.plugin.api.deployment.AppStatus;
import org.aiappstore.plugin.api.deployment.DeploymentBackend;
import org.aiappstore.plugin.api.deployment.DeploymentBackendFactory;
import org.aiappstore.plugin.api.deployment.LogRequest;
import org.aiappstore.plugin.api.deployment.LogSubscription;
import org.aiappstore.plugin.tck.deployment.testing.KubernetesMockCluster;
import org.aiappstore.plugin.tck.deployment.testing.RecordingLogListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged zip of a Kubernetes deployment backend, loaded the way the host does (PF4J over a
 * plugins directory): it deploys, observes, follows the logs of and deletes an app on the mock
 * cluster, with a thread context class loader that sees neither fabric8 nor the template engine, as
 * in the host (service and template loading must use the plugin's class loader), and with one that
 * sees another copy of fabric8, as a host bundling fabric8 would.
 */
public abstract class DeploymentPluginZipContract
    extends PluginZipContract<DeploymentBackendFactory> {

  private static KubernetesMockCluster cluster;

  @BeforeAll
  static void startCluster() {
    cluster = KubernetesMockCluster.start();
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  /** The factory class in the plugin's sources (the loaded one has its name, not its identity). */
  protected abstract Class<? extends DeploymentBackendFactory> factoryClass();

  /** The factory id, which the backend writes into its objects' labels. */
  protected abstract String factoryId();

  /** A valid configuration for the mock cluster. */
  protected abstract Map<String, String> config(URI apiServer, String namespace);

  /** What the backend says right after deploying {@code spec}, beyond its phase. */
  protected void assertDeployed(AppSpec spec, AppStatus deployed, String namespace) {}

  /** The status once the app's one pod is ready. */
  protected abstract void assertReady(AppStatus status);

  @Override
  protected Class<DeploymentBackendFactory> extensionPoint() {
    return DeploymentBackendFactory.class;
  }

  @Override
  protected boolean isExpectedExtension(DeploymentBackendFactory factory) {
    return factory.descriptor().id().equals(factoryId());
  }

  @Override
  protected List<String> forbiddenJars() {
    // The host provides slf4j; the plugin uses the JDK's HTTP client, never Vert.x or Netty.
    return List.of("plugin-api", "pf4j", "slf4j", "vertx", "netty", "okhttp", "mockwebserver");
  }

  /** The thread context class loader of the calling host thread. */
  enum HostLoader {
    /** Sees the JDK only, like the web app's loader. */
    BLIND,
    /** Sees its own copy of fabric8, as a host bundling fabric8 would. */
    OTHER_FABRIC8
  }

  @Test
  void shouldDeployObserveFollowAndDeleteThroughTheLoadedPluginUnderEitherHostLoader()
      throws Exception {
    DeploymentBackendFactory factory = startedExtension();
    assertThat(factory.getClass().getName()).isEqualTo(factoryClass().getName());
    assertThat(factory.getClass()).isNotEqualTo(factoryClass());
    for (HostLoader hostLoader : HostLoader.values()) {
      deployObserveFollowAndDelete(factory, hostLoader);
    }
  }

  private void deployObserveFollowAndDelete(DeploymentBackendFactory factory, HostLoader hostLoader)
      throws Exception {
    String appId = "zip-" + hostLoader.name().toLowerCase(Locale.ROOT).replace('_', '-');
    AppSpec spec =
        AppSpec.builder(appId, appId, "registry.example.com/demo/app:1", 7860)
            .env("GREETING", "a: b\n- {{c}}")
            .secretEnv("TOKEN", "zip-secret")
            .build();
    Map<String, String> config = config(cluster.apiServer(), cluster.namespace());
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    // Like the host's: a loader that sees neither the plugin nor its libraries.
    try (URLClassLoader hostLike =
        new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())) {
      thread.setContextClassLoader(
          hostLoader == HostLoader.BLIND ? hostLike : getClass().getClassLoader());
      try (DeploymentBackend backend =
          factory.create(
              ConnectorConfig.of(factory.configSchema(), config), ConnectorContext.defaults())) {
        assertThat(backend.checkConnection().ok()).isTrue();
        assertThat(backend.preview(spec).yaml()).contains("\"a: b\\n- {{c}}\"");

        AppStatus deployed = backend.deploy(spec);

        assertThat(deployed.phase()).isEqualTo(AppPhase.PENDING);
        assertDeployed(spec, deployed, cluster.namespace());
        String pod = spec.name() + "-1";
        cluster.addPod(
            pod,
            Map.of(AppLabels.APP_ID, spec.appId(), AppLabels.BACKEND, factoryId()),
            true,
            "app");
        cluster.appendLog(pod, "app", Instant.now().minusSeconds(1), "Running on :7860");
        assertReady(backend.status(spec.appId()));
        RecordingLogListener listener = new RecordingLogListener();
        try (LogSubscription subscription =
            backend.logs(spec.appId(), LogRequest.follow(10), listener)) {
          assertThat(listener.awaitLines(lines -> !lines.isEmpty(), Duration.ofSeconds(20)))
              .isTrue();
          assertThat(subscription.isOpen()).isTrue();
        }
        assertThat(listener.texts()).containsExactly("Running on :7860");
        assertThat(listener.ended()).isTrue();
        assertThat(backend.listManaged()).extracting(app -> app.appId()).contains(spec.appId());
        assertThat(backend.delete(spec.appId())).isTrue();
      }
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
