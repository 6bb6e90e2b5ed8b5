package org.aiappstore.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The chart under deploy/helm/aiappstore, linted and rendered by Helm's own library. */
final class HelmChart {

  static final Path DIR = Path.of(System.getProperty("chart.dir", "../helm/aiappstore"));
  static final String RELEASE = "aas";
  static final String NAMESPACE = "aiappstore";

  private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");

  private HelmChart() {}

  static LintResult lint() {
    return new Helm(DIR).lint().strict().call();
  }

  /** Renders the chart as {@code helm template} does, with a values file of the chart's folder. */
  static Rendered render(String valuesFile, Map<String, Object> overrides) {
    TemplateCommand template = new Helm(DIR).template().withName(RELEASE).withNamespace(NAMESPACE);
    if (valuesFile != null) {
      Path file = DIR.resolve(valuesFile);
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("No values file " + file);
      }
      template = template.withValuesFile(file);
    }
    for (Map.Entry<String, Object> override : overrides.entrySet()) {
      template = template.set(override.getKey(), override.getValue());
    }
    return new Rendered(parse(template.call()));
  }

  static Rendered render(String valuesFile) {
    return render(valuesFile, Map.of());
  }

  private static List<HasMetadata> parse(String yaml) {
    List<HasMetadata> objects = new ArrayList<>();
    for (String document : DOCUMENT_SEPARATOR.split(yaml)) {
      if (document.lines().allMatch(line -> line.isBlank() || line.startsWith("#"))) {
        continue;
      }
      objects.add(Serialization.unmarshal(document, HasMetadata.class));
    }
    return objects;
  }
}
