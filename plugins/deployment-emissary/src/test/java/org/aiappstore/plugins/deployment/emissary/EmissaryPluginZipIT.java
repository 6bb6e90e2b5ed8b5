package org.aiappstore.plugins.deployment.emissary;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.aiappstore.plugin.api.deployment.AppPhase;
import org.aiappstore.plugin.api.deployment.AppStatus;
import org.aiappstore.plugin.api.deployment.DeploymentBackendFactory;
import org.aiappstore.plugin.tck.packaging.DeploymentPluginZipContract;

/** The packaged Emissary plugin, loaded and used the way the host does. */
class EmissaryPluginZipIT extends DeploymentPluginZipContract {

  @Override
  protected Class<? extends DeploymentBackendFactory> factoryClass() {
    return EmissaryBackendFactory.class;
  }

  @Override
  protected String factoryId() {
    return EmissaryBackendFactory.ID;
  }

  @Override
  protected Map<String, String> config(URI apiServer, String namespace) {
    return EmissaryBackendContractTest.emissaryConfig(apiServer, namespace);
  }

  @Override
  protected void assertReady(AppStatus status) {
    // No Deployment controller writes the rollout's status here: the phase stays DEPLOYING.
    assertThat(status.readyReplicas()).isEqualTo(1);
    assertThat(status.ready()).isTrue();
    assertThat(status.phase()).isEqualTo(AppPhase.DEPLOYING);
  }
}
