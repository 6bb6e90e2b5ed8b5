package org.aiappstore.app.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.aiappstore.app.plugin.fixture.FailingOnStartPlugin;
import org.aiappstore.app.plugin.fixture.FixtureDataConnectorFactory;
import org.aiappstore.plugin.api.PluginApi;
import org.aiappstore.plugin.api.data.DataConnectorFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginHostTest {

  @TempDir Path pluginsDir;

  private HostPluginManager manager;

  @AfterEach
  void stopPlugins() {
    if (manager != null) {
      manager.shutdown();
    }
  }

  private PluginView only(String id) {
    List<PluginView> views = PluginHost.describe(manager);
    return views.stream().filter(v -> v.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void shouldStartACompatiblePluginAndListItsExtensions() throws Exception {
    TestingPluginJars.plugin("good")
        .requires(">=" + PluginApi.VERSION)
        .extension(FixtureDataConnectorFactory.class)
        .writeTo(pluginsDir);

    manager = PluginHost.start(pluginsDir);

    PluginView good = only("good");
    assertSoftly(
        softly -> {
          softly.assertThat(good.state()).isEqualTo("STARTED");
          softly.assertThat(good.reason()).isNull();
          softly
              .assertThat(good.extensions())
              .containsExactly(
                  new PluginView.ExtensionView(
                      "data-connector", FixtureDataConnectorFactory.class.getName()));
        });
    List<DataConnectorFactory> factories = manager.getExtensions(DataConnectorFactory.class);
    assertThat(factories).extracting(f -> f.descriptor().id()).containsExactly("fixture");
  }

  @Test
  void shouldShareTheSpiWithPluginsInsteadOfLoadingItTwice() throws Exception {
    TestingPluginJars.plugin("good")
        .extension(FixtureDataConnectorFactory.class)
        .writeTo(pluginsDir);

    manager = PluginHost.start(pluginsDir);

    Class<?> loaded = manager.getExtensionClasses(DataConnectorFactory.class, "good").get(0);
    assertThat(loaded.getClassLoader()).isNotSameAs(PluginHostTest.class.getClassLoader());
    assertThat(DataConnectorFactory.class.isAssignableFrom(loaded)).isTrue();
  }

  @Test
  void shouldDisablePluginWhosePluginRequiresDoesNotMatchWithReason() throws Exception {
    TestingPluginJars.plugin("future")
        .requires(">=99.0.0")
        .extension(FixtureDataConnectorFactory.class)
        .writeTo(pluginsDir);

    manager = PluginHost.start(pluginsDir);

    PluginView future = only("future");
    assertThat(future.state()).isEqualTo("DISABLED");
    assertThat(future.reason()).contains(">=99.0.0").contains(PluginApi.VERSION);
    assertThat(future.extensions()).isEmpty();
    assertThat(manager.getExtensions(DataConnectorFactory.class)).isEmpty();
  }

  @Test
  void shouldMarkPluginThatThrowsOnStartAsFailedAndStartTheOthers() throws Exception {
    TestingPluginJars.plugin("broken").pluginClass(FailingOnStartPlugin.class).writeTo(pluginsDir);
    TestingPluginJars.plugin("good")
        .extension(FixtureDataConnectorFactory.class)
        .writeTo(pluginsDir);

    manager = PluginHost.start(pluginsDir);

    PluginView broken = only("broken");
    assertThat(broken.state()).isEqualTo("FAILED");
    assertThat(broken.reason()).contains("cannot reach its backing service");
    assertThat(only("good").state()).isEqualTo("STARTED");
  }

  @Test
  void shouldListAPluginWhoseDependencyIsMissingAndStartTheOthers() throws Exception {
    TestingPluginJars.plugin("orphan")
        .dependencies("absent@>=1.0.0")
        .extension(FixtureDataConnectorFactory.class)
        .writeTo(pluginsDir);
    TestingPluginJars.plugin("good")
        .extension(FixtureDataConnectorFactory.class)
        .writeTo(pluginsDir);

    manager = PluginHost.start(pluginsDir);

    PluginView orphan = only("orphan");
    assertSoftly(
        softly -> {
          softly.assertThat(orphan.state()).isEqualTo("FAILED");
          softly.assertThat(orphan.reason()).contains("requires plugin 'absent'");
          softly.assertThat(only("good").state()).isEqualTo("STARTED");
        });
  }

  @Test
  void shouldListAPluginWhoseDependencyHasTheWrongVersion() throws Exception {
    TestingPluginJars.plugin("base").version("1.0.0").writeTo(pluginsDir);
    TestingPluginJars.plugin("picky").dependencies("base@>=2.0.0").writeTo(pluginsDir);

    manager = PluginHost.start(pluginsDir);

    assertThat(only("picky").reason()).contains("'base' >=2.0.0 but 1.0.0 is installed");
    assertThat(only("base").state()).isEqualTo("STARTED");
  }

  @Test
  void shouldListPluginsOfADependencyCycleWithTheReasonInsteadOfFailing() throws Exception {
    TestingPluginJars.plugin("chicken").dependencies("egg").writeTo(pluginsDir);
    TestingPluginJars.plugin("egg").dependencies("chicken").writeTo(pluginsDir);

    manager = PluginHost.start(pluginsDir);

    assertThat(only("chicken").state()).isNotEqualTo("STARTED");
    assertThat(only("chicken").reason()).startsWith("Not started: ");
  }

  @Test
  void shouldRecordAFileThatIsNotAPluginWithoutFailing() throws Exception {
    Files.writeString(pluginsDir.resolve("garbage.jar"), "not a jar at all");
    TestingPluginJars.plugin("good")
        .extension(FixtureDataConnectorFactory.class)
        .writeTo(pluginsDir);

    manager = PluginHost.start(pluginsDir);

    assertThat(only("garbage.jar").state()).isEqualTo("FAILED");
    assertThat(only("garbage.jar").reason()).startsWith("Cannot be loaded");
    assertThat(only("good").state()).isEqualTo("STARTED");
  }

  @Test
  void shouldStartWithAnEmptyDirectory() {
    manager = PluginHost.start(pluginsDir.resolve("not-yet-created"));

    assertThat(PluginHost.describe(manager)).isEmpty();
    assertThat(pluginsDir.resolve("not-yet-created")).isDirectory();
  }
}
