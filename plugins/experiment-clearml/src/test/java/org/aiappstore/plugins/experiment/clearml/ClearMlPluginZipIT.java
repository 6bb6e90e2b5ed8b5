package org.aiappstore.plugins.experiment.clearml;

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
import org.aiappstore.plugin.api.experiment.SearchCriteria;
import org.aiappstore.plugin.tck.packaging.PluginZipContract;
import org.junit.jupiter.api.Test;

/**
 * Loads the packaged plugin zip the way the host does (PF4J over a plugins directory) and reads an
 * experiment from the fake ClearML through it, with a thread context class loader that sees neither
 * the plugin nor Jackson, as in the host.
 */
class ClearMlPluginZipIT extends PluginZipContract<ExperimentConnectorFactory> {

  @Override
  protected Class<ExperimentConnectorFactory> extensionPoint() {
    return ExperimentConnectorFactory.class;
  }

  @Override
  protected boolean isExpectedExtension(ExperimentConnectorFactory factory) {
    return factory.descriptor().id().equals("clearml");
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
  void shouldReadAnExperimentThroughTheLoadedPlugin() throws Exception {
    ExperimentConnectorFactory factory = startedExtension();
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    try (FakeClearMl clearMl = FakeClearMl.start();
        URLClassLoader hostLike =
            new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())) {
      thread.setContextClassLoader(hostLike);
      try (ExperimentConnector connector =
          factory.create(
              ConnectorConfig.of(factory.configSchema(), clearMl.config()),
              ConnectorContext.defaults())) {
        assertThat(connector.checkConnection().ok()).isTrue();

        thread.setContextClassLoader(previous);
        Experiment experiment = connector.experiment(FakeClearMl.RESNET);
        assertThat(experiment.name()).isEqualTo("resnet50 baseline");
        assertThat(experiment.scalars()).isNotEmpty();
        assertThat(connector.searchExperiments(SearchCriteria.firstPage(2)).items()).hasSize(2);
      }
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
