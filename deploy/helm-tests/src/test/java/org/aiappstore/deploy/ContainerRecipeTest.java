package org.aiappstore.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The image cannot be built here (no container engine), so its recipe is checked against the build
 * it depends on: every file it copies is one the Maven build produces or git keeps, it ships every
 * plugin module and the chart enables only those, and the build context lets those files through.
 */
class ContainerRecipeTest {

  private static final String DOCKERFILE = "deploy/container/Dockerfile";
  private static final Pattern PLUGIN_ZIP =
      Pattern.compile("plugins/([a-z0-9-]+)/target/([a-z0-9-]+)-\\*\\.zip");

  private final List<String> instructions = instructions(Repository.read(DOCKERFILE));

  @Test
  void shouldCopyTheWarTheAppModuleBuilds() {
    assertThat(copySources()).contains("core/app/target/aiappstore.war");
    assertThat(Repository.pomValue("core/app/pom.xml", "packaging")).isEqualTo("war");
    assertThat(Repository.pomValue("core/app/pom.xml", "finalName")).isEqualTo("aiappstore");
  }

  @Test
  void shouldCopyTheSharedServerConfiguration() {
    List<String> serverConfig =
        copySources().stream().filter(s -> s.startsWith("server-config/")).toList();

    assertThat(serverConfig)
        .containsExactlyInAnyOrder(
            "server-config/server.xml",
            "server-config/bootstrap.properties",
            "server-config/jvm.options");
    assertThat(serverConfig).allSatisfy(path -> assertThat(Repository.exists(path)).isTrue());
  }

  @Test
  void shouldShipEveryPluginModuleAndTheChartShouldEnableOnlyThose() {
    Set<String> copied = new TreeSet<>();
    for (String source : copySources()) {
      Matcher zip = PLUGIN_ZIP.matcher(source);
      if (zip.matches()) {
        String module = zip.group(1);
        assertThat(zip.group(2)).as("zip name of %s", module).isEqualTo(module);
        String pom = "plugins/" + module + "/pom.xml";
        assertThat(Repository.pomValue(pom, "plugin.id")).isEqualTo(module);
        // The zip is <artifactId>-<version>.zip (assembly without id), so the artifactId is the
        // name.
        assertThat(Repository.read(pom)).contains("<artifactId>" + module + "</artifactId>");
        copied.add(module);
      }
    }
    Set<String> pluginModules = new TreeSet<>();
    Matcher module =
        Pattern.compile("<module>([a-z0-9-]+)</module>")
            .matcher(Repository.read("plugins/pom.xml"));
    while (module.find()) {
      if (Repository.read("plugins/" + module.group(1) + "/pom.xml").contains("<plugin.id>")) {
        pluginModules.add(module.group(1));
      }
    }

    assertThat(copied).isEqualTo(pluginModules).isNotEmpty();
    assertThat(new TreeSet<>(chartDefaultPlugins())).isEqualTo(copied);
  }

  @Test
  void shouldLetEveryCopiedFileThroughTheBuildContext() {
    List<PathMatcher> included =
        Repository.read("deploy/container/Dockerfile.dockerignore")
            .lines()
            .filter(line -> line.startsWith("!"))
            .map(line -> FileSystems.getDefault().getPathMatcher("glob:" + line.substring(1)))
            .toList();

    for (String source : copySources()) {
      Path example = Path.of(source.replace("*", "0.1.0-SNAPSHOT"));
      assertThat(included).as(source).anyMatch(matcher -> matcher.matches(example));
    }
  }

  @Test
  void shouldRunAsNonRootAndCheckLiveness() {
    List<String> users = instructions.stream().filter(i -> i.startsWith("USER ")).toList();
    String healthCheck =
        instructions.stream().filter(i -> i.startsWith("HEALTHCHECK ")).findFirst().orElseThrow();

    assertThat(users).isNotEmpty().last().isEqualTo("USER 1001");
    assertThat(healthCheck).contains("/health/live");
  }

  @Test
  void shouldSetOnlyExistingConfigurationKeys() {
    Set<String> known = Repository.configEnvironmentVariables();
    List<String> variables = new ArrayList<>();
    for (String instruction : instructions) {
      if (instruction.startsWith("ENV ")) {
        Matcher variable = Pattern.compile("(AIAPPSTORE_[A-Z0-9_]+)=").matcher(instruction);
        while (variable.find()) {
          variables.add(variable.group(1));
        }
      }
    }

    assertThat(variables)
        .containsExactlyInAnyOrder("AIAPPSTORE_DATA_DIR", "AIAPPSTORE_PLUGINS_DIR")
        .allSatisfy(v -> assertThat(known).contains(v));
  }

  /** The sources of every COPY (without --from), flags left out. */
  private List<String> copySources() {
    List<String> sources = new ArrayList<>();
    for (String instruction : instructions) {
      if (instruction.startsWith("COPY ") && !instruction.contains("--from")) {
        List<String> words =
            Arrays.stream(instruction.substring(5).trim().split("\\s+"))
                .filter(w -> !w.startsWith("--"))
                .toList();
        sources.addAll(words.subList(0, words.size() - 1));
      }
    }
    return sources;
  }

  /** Instructions with their continuation lines joined, comments left out. */
  private static List<String> instructions(String dockerfile) {
    List<String> result = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : dockerfile.lines().toList()) {
      String trimmed = line.trim();
      if (trimmed.startsWith("#") || trimmed.isEmpty()) {
        continue;
      }
      if (trimmed.endsWith("\\")) {
        current.append(trimmed, 0, trimmed.length() - 1).append(' ');
      } else {
        current.append(trimmed);
        result.add(current.toString().replaceAll("\\s+", " "));
        current.setLength(0);
      }
    }
    return result;
  }

  @SuppressWarnings("unchecked")
  private static List<String> chartDefaultPlugins() {
    Map<String, Object> values =
        Serialization.unmarshal(Repository.read("deploy/helm/aiappstore/values.yaml"), Map.class);
    return (List<String>) ((Map<String, Object>) values.get("plugins")).get("enabled");
  }
}
