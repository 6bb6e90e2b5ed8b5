package org.aiappstore.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The deployment backends get exactly the permissions their READMEs list ("RBAC in the apps
 * namespace"), in the apps namespace only. The expected sets are written out here, not read from
 * the chart, so that a widened rule fails.
 */
class AppsBackendRbacTest {

  private static final String APPS_NAMESPACE = "aiappstore-apps";

  /** One (apiGroup, resource, verb) triple per permission, e.g. {@code apps/deployments:get}. */
  private static final Set<String> KNATIVE =
      permissions(
          "serving.knative.dev/services:get,list,create,update,patch,delete",
          "/secrets:get,list,create,update,delete",
          "/pods:get,list",
          "/pods/log:get",
          "/events:list");

  private static final Set<String> EMISSARY =
      permissions(
          "apps/deployments:get,list,create,update,patch,delete",
          "/services:get,list,create,update,delete",
          "/secrets:get,list,create,update,delete",
          "getambassador.io/mappings:get,list,create,update,delete",
          "/pods:get,list",
          "/pods/log:get",
          "/events:list");

  @Test
  void shouldGrantKnativeExactlyWhatItUses() {
    Rendered rendered = Scenario.PRODUCTION_KNATIVE.render();

    Role role = onlyRole(rendered);
    assertThat(granted(role)).isEqualTo(KNATIVE);
  }

  @Test
  void shouldGrantEmissaryExactlyWhatItUses() {
    Rendered rendered = Scenario.PRODUCTION_EMISSARY.render();

    Role role = onlyRole(rendered);
    assertThat(granted(role)).isEqualTo(EMISSARY);
  }

  @ParameterizedTest
  @EnumSource(
      value = Scenario.class,
      names = {"PRODUCTION_KNATIVE", "PRODUCTION_EMISSARY"})
  void shouldBindTheRoleToThePlatformServiceAccountOnly(Scenario scenario) {
    Rendered rendered = scenario.render();
    Role role = onlyRole(rendered);
    String serviceAccount =
        rendered.app().getSpec().getTemplate().getSpec().getServiceAccountName();

    assertThat(rendered.all(RoleBinding.class)).hasSize(1);
    RoleBinding binding = rendered.all(RoleBinding.class).get(0);
    assertThat(binding.getMetadata().getNamespace()).isEqualTo(APPS_NAMESPACE);
    assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
    assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
    assertThat(binding.getSubjects())
        .singleElement()
        .satisfies(
            subject -> {
              assertThat(subject.getKind()).isEqualTo("ServiceAccount");
              assertThat(subject.getName()).isEqualTo(serviceAccount);
              assertThat(subject.getNamespace()).isEqualTo(HelmChart.NAMESPACE);
            });
    assertThat(rendered.app().getSpec().getTemplate().getSpec().getAutomountServiceAccountToken())
        .as("the backend authenticates with the pod's service account")
        .isTrue();
  }

  @ParameterizedTest
  @EnumSource(
      value = Scenario.class,
      names = {"DEFAULTS", "EVALUATION"})
  void shouldGrantNothingWithoutBackend(Scenario scenario) {
    Rendered rendered = scenario.render();

    assertThat(rendered.ofKind("Role")).isEmpty();
    assertThat(rendered.ofKind("RoleBinding")).isEmpty();
    assertThat(rendered.app().getSpec().getTemplate().getSpec().getAutomountServiceAccountToken())
        .as("no Kubernetes API token in a pod that does not use it")
        .isFalse();
  }

  private static Role onlyRole(Rendered rendered) {
    assertThat(rendered.all(Role.class)).hasSize(1);
    Role role = rendered.all(Role.class).get(0);
    assertThat(role.getMetadata().getNamespace()).isEqualTo(APPS_NAMESPACE);
    return role;
  }

  private static Set<String> granted(Role role) {
    Set<String> granted = new TreeSet<>();
    for (PolicyRule rule : role.getRules()) {
      assertThat(rule.getResourceNames()).as("no per-name rules").isNullOrEmpty();
      assertThat(rule.getNonResourceURLs()).isNullOrEmpty();
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          for (String verb : rule.getVerbs()) {
            granted.add(group + "/" + resource + ":" + verb);
          }
        }
      }
    }
    return granted;
  }

  private static Set<String> permissions(String... lines) {
    Set<String> permissions = new TreeSet<>();
    for (String line : lines) {
      String[] parts = line.split(":");
      for (String verb : parts[1].split(",")) {
        permissions.add(parts[0] + ":" + verb);
      }
    }
    return permissions;
  }
}
