package org.aiappstore.plugins.experiment.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.aiappstore.plugin.api.ConnectorContext;
import org.aiappstore.plugin.api.config.ConnectorConfig;
import org.aiappstore.plugin.api.experiment.Experiment;
import org.aiappstore.plugin.api.experiment.ExperimentConnector;
import org.aiappstore.plugin.api.experiment.ExperimentConnectorFactory;
import org.aiappstore.plugin.tck.packaging.PluginZipContract;
import org.junit.jupiter.api.Test;

/**
 * Loads the packaged plugin zip the way the host does (PF4J over a plugins directory) and reads a
 * run from the fake MLflow through it, with a thread context class loader that sees neither the
 * plugin nor Jackson, as in the host.
 */
class MlflowPluginZipIT extends PluginZipContract<ExperimentConnectorFactory> {

  @Override
  protected Class<ExperimentConnectorFactory> extensionPoint() {
    return ExperimentConnectorFactory.class;
  }

  @Override
  protected boolean isExpectedExtension(ExperimentConnectorFactory factory) {
    return factory.descriptor().id().equals("mlflow");
  }

  @Override
  protected List<String> forbiddenJars() {
    return List.of("plugin-api", "pf4j", "slf4j", "plugin-tck", "junit", "assertj");
  }

  @Test
  void shouldBundleJackson() throws Exception {
    try (ZipFile zip = new ZipFile(System.getProperty("plugin.zip"))) {
      assertThat(zip.stream().map(ZipEntry::getName))
          .anyMatch(n -> n.startsWith("lib/jackson-databind-"))
          .anyMatch(n -> n.startsWith("lib/jackson-core-"));
    }
  }

  @Test
  void shouldReadARunThroughTheLoadedPlugin() throws Exception {
    ExperimentConnectorFactory factory = startedExtension();
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    try (FakeMlflow mlflow = FakeMlflow.start();
        URLClassLoader hostLike =
            new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())) {
      thread.setContextClassLoader(hostLike);
      try (ExperimentConnector connector =
          factory.create(
              ConnectorConfig.of(factory.configSchema(), mlflow.config()),
              ConnectorContext.defaults())) {
        assertThat(connector.checkConnection().ok()).isTrue();
        Experiment run = connector.experiment(FakeMlflow.RESNET);
        assertThat(run.name()).isEqualTo("resnet50-baseline");
        assertThat(run.scalars()).isNotEmpty();
      }
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
