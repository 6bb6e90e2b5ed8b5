package org.aiappstore.app.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.aiappstore.app.plugin.fixture.FailingOnStartPlugin;
import org.aiappstore.app.plugin.fixture.FixtureDataConnectorFactory;

/**
 * Builds real PF4J plugin jars from classes of the test class path, so host tests load plugins
 * exactly as the server does. Its {@code main} drops the deliberately broken plugins next to the
 * test server.
 */
public final class TestingPluginJars {

  private final String id;
  private String version = "1.0.0";
  private String requires = "*";
  private String dependencies = "";
  private Class<?> pluginClass;
  private final List<Class<?>> extensions = new ArrayList<>();

  private TestingPluginJars(String id) {
    this.id = id;
  }

  public static TestingPluginJars plugin(String id) {
    return new TestingPluginJars(id);
  }

  public TestingPluginJars requires(String requires) {
    this.requires = requires;
    return this;
  }

  public TestingPluginJars version(String version) {
    this.version = version;
    return this;
  }

  /** PF4J's {@code Plugin-Dependencies}, e.g. {@code "other@>=1.0.0"}. */
  public TestingPluginJars dependencies(String dependencies) {
    this.dependencies = dependencies;
    return this;
  }

  public TestingPluginJars pluginClass(Class<?> pluginClass) {
    this.pluginClass = pluginClass;
    return this;
  }

  public TestingPluginJars extension(Class<?> extension) {
    this.extensions.add(extension);
    return this;
  }

  /** Writes {@code <id>-<version>.jar} into the directory and returns its path. */
  public Path writeTo(Path directory) throws IOException {
    Files.createDirectories(directory);
    Manifest manifest = new Manifest();
    Attributes attributes = manifest.getMainAttributes();
    attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    attributes.putValue("Plugin-Id", id);
    attributes.putValue("Plugin-Version", version);
    attributes.putValue("Plugin-Requires", requires);
    attributes.putValue("Plugin-Provider", "AI App Store tests");
    if (!dependencies.isEmpty()) {
      attributes.putValue("Plugin-Dependencies", dependencies);
    }
    if (pluginClass != null) {
      attributes.putValue("Plugin-Class", pluginClass.getName());
    }
    Path jar = directory.resolve(id + "-" + version + ".jar");
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest)) {
      List<Class<?>> classes = new ArrayList<>(extensions);
      if (pluginClass != null) {
        classes.add(pluginClass);
      }
      for (Class<?> type : classes) {
        String name = type.getName().replace('.', '/') + ".class";
        out.putNextEntry(new JarEntry(name));
        try (InputStream bytes = type.getClassLoader().getResourceAsStream(name)) {
          bytes.transferTo(out);
        }
        out.closeEntry();
      }
      out.putNextEntry(new JarEntry("META-INF/extensions.idx"));
      StringBuilder index = new StringBuilder();
      for (Class<?> extension : extensions) {
        index.append(extension.getName()).append('\n');
      }
      out.write(index.toString().getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return jar;
  }

  /**
   * The plugins the integration tests expect beside the real ones: one incompatible, one failing.
   */
  public static void main(String[] args) throws IOException {
    Path directory = Path.of(args[0]);
    plugin("incompatible-demo")
        .requires(">=99.0.0")
        .extension(FixtureDataConnectorFactory.class)
        .writeTo(directory);
    plugin("failing-demo").pluginClass(FailingOnStartPlugin.class).writeTo(directory);
  }
}
