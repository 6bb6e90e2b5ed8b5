package org.aiappstore.plugins.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.aiappstore.plugin.api.deployment.RenderedManifest;
import org.aiappstore.plugin.api.error.PlatformErrors;
import org.aiappstore.plugin.api.error.PlatformException;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IExpressionObjectDialect;
import org.thymeleaf.exceptions.TemplateEngineException;
import org.thymeleaf.expression.IExpressionObjectFactory;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders Kubernetes manifests from Thymeleaf TEXT templates under {@code templates/} of a class
 * loader (the plugin's, never the thread's context class loader), then parses each document to
 * check it and to learn its kind and name.
 *
 * <p>Templates print values only through the {@code #yaml} expression object ({@link
 * YamlExpressions}) inside Thymeleaf's unescaped inline syntax {@code [(...)]}. The escaped syntax
 * {@code [[...]]} and {@code th:text} HTML-escape in TEXT mode and would corrupt values: a template
 * using them is refused when the renderer is created. Blank lines left by template blocks are
 * removed; no value can produce one, since every string is a one-line double-quoted scalar.
 */
public final class ManifestRenderer {

  /** Where templates live in the class loader. */
  public static final String PREFIX = "templates/";

  private static final Set<String> FORBIDDEN = Set.of("[[", "th:text", "th:utext");

  private final TemplateEngine engine;
  private final KubernetesSerialization serialization;

  /**
   * Creates a renderer and checks its templates.
   *
   * @param classLoader the loader holding the templates, e.g. {@code
   *     MyBackend.class.getClassLoader()}
   * @param templates every template the renderer may use, fragments included, relative to {@value
   *     #PREFIX}, e.g. {@code emissary/deployment.yaml}
   * @param serialization parses the rendered documents
   * @throws IllegalStateException if a template is missing or uses escaped output
   */
  public ManifestRenderer(
      ClassLoader classLoader, List<String> templates, KubernetesSerialization serialization) {
    Objects.requireNonNull(classLoader, "classLoader");
    this.serialization = Objects.requireNonNull(serialization, "serialization");
    for (String template : templates) {
      String text = read(classLoader, PREFIX + template);
      for (String forbidden : FORBIDDEN) {
        if (text.contains(forbidden)) {
          throw new IllegalStateException(
              "Template "
                  + template
                  + " uses "
                  + forbidden
                  + ", which HTML-escapes in TEXT mode: print values with [(${#yaml.str(...)})]");
        }
      }
    }
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(classLoader);
    resolver.setPrefix(PREFIX);
    resolver.setTemplateMode(TemplateMode.TEXT);
    resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
    resolver.setCacheable(true);
    resolver.setCheckExistence(true);
    engine = new TemplateEngine();
    engine.setTemplateResolver(resolver);
    engine.addDialect(new YamlDialect());
  }

  /**
   * Renders templates with one model.
   *
   * @param templates the templates to render, in order, one document each
   * @param model the template variables
   * @return the documents and their parsed objects, in order
   * @throws PlatformException INTERNAL if a template fails or renders an invalid document
   */
  public List<Rendered> render(List<String> templates, Map<String, Object> model) {
    Context context = new Context(Locale.ROOT, model);
    List<Rendered> rendered = new ArrayList<>();
    for (String template : templates) {
      String yaml;
      try {
        yaml = withoutBlankLines(engine.process(template, context));
      } catch (TemplateEngineException e) {
        throw new PlatformException(
            PlatformErrors.INTERNAL, "Manifest template " + template + " failed to render", e);
      }
      GenericKubernetesResource object;
      try {
        object = serialization.unmarshal(yaml, GenericKubernetesResource.class);
      } catch (RuntimeException e) {
        throw new PlatformException(
            PlatformErrors.INTERNAL, "Manifest template " + template + " rendered invalid YAML", e);
      }
      if (object == null
          || object.getApiVersion() == null
          || object.getKind() == null
          || object.getMetadata() == null
          || object.getMetadata().getName() == null) {
        throw new PlatformException(
            PlatformErrors.INTERNAL,
            "Manifest template " + template + " rendered no apiVersion, kind or name");
      }
      rendered.add(
          new Rendered(
              new RenderedManifest(
                  object.getApiVersion(), object.getKind(), object.getMetadata().getName(), yaml),
              object));
    }
    return rendered;
  }

  /**
   * One rendered document.
   *
   * @param manifest the YAML with its kind and name
   * @param object the parsed object, to apply
   */
  public record Rendered(RenderedManifest manifest, GenericKubernetesResource object) {}

  static String withoutBlankLines(String text) {
    return text.lines().filter(line -> !line.isBlank()).collect(Collectors.joining("\n", "", "\n"));
  }

  private static String read(ClassLoader classLoader, String resource) {
    try (InputStream in = classLoader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Missing template " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read template " + resource, e);
    }
  }

  private static final class YamlDialect extends AbstractDialect
      implements IExpressionObjectDialect {

    private static final YamlExpressions YAML = new YamlExpressions();

    YamlDialect() {
      super("yaml");
    }

    @Override
    public IExpressionObjectFactory getExpressionObjectFactory() {
      return new IExpressionObjectFactory() {
        @Override
        public Set<String> getAllExpressionObjectNames() {
          return Set.of("yaml");
        }

        @Override
        public Object buildObject(IExpressionContext context, String name) {
          return "yaml".equals(name) ? YAML : null;
        }

        @Override
        public boolean isCacheable(String name) {
          return true;
        }
      };
    }
  }
}
