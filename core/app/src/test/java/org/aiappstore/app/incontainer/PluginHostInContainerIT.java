package org.aiappstore.app.incontainer;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.aiappstore.app.config.AppSettings;
import org.aiappstore.app.config.ConfigKey;
import org.aiappstore.app.plugin.PluginHost;
import org.aiappstore.plugin.api.PluginApi;
import org.assertj.core.api.Assertions;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Filters;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pf4j.PluginManager;
import org.slf4j.LoggerFactory;
import org.slf4j.jul.JDK14LoggerAdapter;

/**
 * Runs inside Liberty with CDI: Liberty's server variables reach the app through MicroProfile
 * Config, and the injected plugin host loads the real plugins from the directory they name.
 */
@ExtendWith(ArquillianExtension.class)
class PluginHostInContainerIT {

  @Deployment
  static WebArchive deployment() {
    return ShrinkWrap.create(WebArchive.class, "plugin-host-in-container.war")
        .addPackages(false, "org.aiappstore.app.config")
        // The host itself, without its REST resources and without the unit tests living beside it.
        .addPackages(
            false,
            Filters.exclude(".*(Test|Resource|TestingPluginJars)[^/]*"),
            "org.aiappstore.app.plugin")
        .addAsLibraries(
            jarOf(PluginApi.class),
            jarOf(PluginManager.class),
            jarOf(com.github.zafarkhaja.semver.Version.class),
            jarOf(LoggerFactory.class),
            jarOf(JDK14LoggerAdapter.class),
            jarOf(Assertions.class))
        .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
  }

  private static java.io.File jarOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toFile();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Inject AppSettings settings;
  @Inject PluginHost host;

  @Test
  void shouldReadThePluginsDirectoryFromLibertyServerVariables() {
    assertThat(settings.value(ConfigKey.PLUGINS_DIR))
        .isNotEqualTo(ConfigKey.PLUGINS_DIR.defaultValue());
    assertThat(Files.isDirectory(settings.pluginsDir())).isTrue();
  }

  @Test
  void shouldInjectAPluginHostThatStartedTheFilesystemConnector() {
    assertThat(host.isStarted("data-filesystem")).isTrue();
    assertThat(host.plugins()).anySatisfy(p -> assertThat(p.id()).isEqualTo("incompatible-demo"));
  }
}
