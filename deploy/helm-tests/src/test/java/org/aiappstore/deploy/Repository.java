package org.aiappstore.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Files of the repository the deployment artefacts must agree with. */
final class Repository {

  static final Path ROOT = Path.of(System.getProperty("repo.root", "../..")).normalize();

  private static final Pattern CONFIG_KEY = Pattern.compile("\"(aiappstore\\.[A-Za-z0-9.\\-]+)\"");

  private Repository() {}

  static String read(String path) {
    try {
      return Files.readString(ROOT.resolve(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static boolean exists(String path) {
    return Files.exists(ROOT.resolve(path));
  }

  /**
   * The environment variables of every key in {@code ConfigKey}, as MicroProfile Config maps them.
   */
  static Set<String> configEnvironmentVariables() {
    String source = read("core/app/src/main/java/org/aiappstore/app/config/ConfigKey.java");
    Set<String> variables = new LinkedHashSet<>();
    Matcher matcher = CONFIG_KEY.matcher(source);
    while (matcher.find()) {
      variables.add(matcher.group(1).replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT));
    }
    return variables;
  }

  /** The first value of an XML element in a POM, e.g. {@code <plugin.id>}. */
  static String pomValue(String pomPath, String element) {
    Matcher matcher =
        Pattern.compile("<" + Pattern.quote(element) + ">([^<]*)</" + Pattern.quote(element) + ">")
            .matcher(read(pomPath));
    if (!matcher.find()) {
      throw new AssertionError("No <" + element + "> in " + pomPath);
    }
    return matcher.group(1).trim();
  }
}
