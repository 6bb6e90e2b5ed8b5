package org.aiappstore.plugins.deployment.knative;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.aiappstore.plugin.api.deployment.AppSpec;
import org.aiappstore.plugin.api.deployment.AppStatus;
import org.aiappstore.plugin.api.deployment.DeploymentBackendFactory;
import org.aiappstore.plugin.tck.packaging.DeploymentPluginZipContract;

/**
 * The packaged KNative plugin, loaded and used the way the host does. The mock has no KNative
 * controller to set the Service's conditions, so readiness shows in the ready pods.
 */
class KnativePluginZipIT extends DeploymentPluginZipContract {

  @Override
  protected Class<? extends DeploymentBackendFactory> factoryClass() {
    return KnativeBackendFactory.class;
  }

  @Override
  protected String factoryId() {
    return KnativeBackendFactory.ID;
  }

  @Override
  protected Map<String, String> config(URI apiServer, String namespace) {
    return KnativeBackendContractTest.knativeConfig(apiServer, namespace);
  }

  @Override
  protected void assertDeployed(AppSpec spec, AppStatus deployed, String namespace) {
    assertThat(deployed.url()).hasHost(spec.name() + "." + namespace + ".apps.example.com");
  }

  @Override
  protected void assertReady(AppStatus status) {
    assertThat(status.readyReplicas()).isEqualTo(1);
  }
}
