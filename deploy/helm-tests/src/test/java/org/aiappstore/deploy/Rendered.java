package org.aiappstore.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The objects one rendering produced, with the look-ups the tests share. */
record Rendered(List<HasMetadata> objects) {

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  List<HasMetadata> ofKind(String kind) {
    return objects.stream().filter(o -> kind.equals(o.getKind())).toList();
  }

  <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
    return all(type).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst();
  }

  <T extends HasMetadata> T get(Class<T> type, String name) {
    return find(type, name)
        .orElseThrow(() -> new AssertionError("No " + type.getSimpleName() + " named " + name));
  }

  /** The platform's own Deployment (not the evaluation MongoDB or MinIO). */
  Deployment app() {
    return get(Deployment.class, HelmChart.RELEASE + "-aiappstore");
  }

  Container server() {
    return app().getSpec().getTemplate().getSpec().getContainers().stream()
        .filter(c -> c.getName().equals("server"))
        .findFirst()
        .orElseThrow();
  }

  Optional<EnvVar> serverEnv(String name) {
    return server().getEnv().stream().filter(e -> e.getName().equals(name)).findFirst();
  }

  ConfigMap appConfig() {
    return get(ConfigMap.class, HelmChart.RELEASE + "-aiappstore-config");
  }

  /** Every container of every pod template, init containers included. */
  Stream<Container> allContainers() {
    return all(Deployment.class).stream()
        .map(d -> d.getSpec().getTemplate().getSpec())
        .flatMap(p -> Stream.concat(p.getInitContainers().stream(), p.getContainers().stream()));
  }

  /** The plain values of every rendered Secret (data decoded, stringData as is). */
  Stream<String> secretValues() {
    return all(Secret.class).stream()
        .flatMap(
            s ->
                Stream.concat(
                    s.getData() == null
                        ? Stream.empty()
                        : s.getData().values().stream()
                            .map(
                                v ->
                                    new String(
                                        Base64.getDecoder().decode(v), StandardCharsets.UTF_8)),
                    s.getStringData() == null
                        ? Stream.empty()
                        : s.getStringData().values().stream()));
  }
}
