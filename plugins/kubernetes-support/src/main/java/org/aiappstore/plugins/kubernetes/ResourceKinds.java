package org.aiappstore.plugins.kubernetes;

import io.fabric8.kubernetes.api.Pluralize;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Locale;

/**
 * The namespaced kinds the deployment backends create, as explicit {@link
 * ResourceDefinitionContext}s: no API discovery is needed (the mock server and clusters without a
 * CRD answer discovery differently), and custom resources work as {@code
 * GenericKubernetesResource}s.
 */
public final class ResourceKinds {

  /** {@code v1 Secret}. */
  public static final ResourceDefinitionContext SECRET = of("", "v1", "Secret", "secrets");

  /** {@code v1 Service}. */
  public static final ResourceDefinitionContext SERVICE = of("", "v1", "Service", "services");

  /** {@code apps/v1 Deployment}. */
  public static final ResourceDefinitionContext DEPLOYMENT =
      of("apps", "v1", "Deployment", "deployments");

  /** {@code getambassador.io/v3alpha1 Mapping}, Emissary-ingress's route. */
  public static final ResourceDefinitionContext EMISSARY_MAPPING =
      of("getambassador.io", "v3alpha1", "Mapping", "mappings");

  /** {@code serving.knative.dev/v1 Service}. */
  public static final ResourceDefinitionContext KNATIVE_SERVICE =
      of("serving.knative.dev", "v1", "Service", "services");

  private ResourceKinds() {}

  /**
   * The definition of a kind by its apiVersion, for the kinds above or any namespaced kind whose
   * plural is the regular English one.
   *
   * @param apiVersion e.g. {@code apps/v1}
   * @param kind e.g. {@code Deployment}
   * @return the definition
   */
  public static ResourceDefinitionContext of(String apiVersion, String kind) {
    for (ResourceDefinitionContext known :
        new ResourceDefinitionContext[] {
          SECRET, SERVICE, DEPLOYMENT, EMISSARY_MAPPING, KNATIVE_SERVICE
        }) {
      if (apiVersion(known).equals(apiVersion) && known.getKind().equals(kind)) {
        return known;
      }
    }
    int slash = apiVersion.indexOf('/');
    return of(
        slash < 0 ? "" : apiVersion.substring(0, slash),
        apiVersion.substring(slash + 1),
        kind,
        Pluralize.toPlural(kind.toLowerCase(Locale.ROOT)));
  }

  /**
   * The apiVersion of a definition.
   *
   * @param definition the definition
   * @return e.g. {@code v1} or {@code apps/v1}
   */
  public static String apiVersion(ResourceDefinitionContext definition) {
    return definition.getGroup() == null || definition.getGroup().isEmpty()
        ? definition.getVersion()
        : definition.getGroup() + "/" + definition.getVersion();
  }

  private static ResourceDefinitionContext of(
      String group, String version, String kind, String plural) {
    return new ResourceDefinitionContext.Builder()
        .withGroup(group)
        .withVersion(version)
        .withKind(kind)
        .withPlural(plural)
        .withNamespaced(true)
        .build();
  }
}
