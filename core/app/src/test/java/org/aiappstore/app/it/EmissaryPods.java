package org.aiappstore.app.it;

import java.util.Map;
import org.aiappstore.plugin.api.deployment.AppLabels;
import org.aiappstore.plugin.tck.deployment.testing.KubernetesMockCluster;

/** The pods an emissary app's Deployment would get, added to the mock cluster (no controller). */
final class EmissaryPods {

  private EmissaryPods() {}

  /** A ready pod of the app, labelled like its Deployment's pod template, container "app". */
  static void addReady(KubernetesMockCluster cluster, String pod, String appId) {
    cluster.addPod(
        pod,
        Map.of(
            AppLabels.APP_ID,
            appId,
            AppLabels.NAME,
            "app-" + appId,
            AppLabels.MANAGED_BY,
            AppLabels.MANAGED_BY_VALUE,
            AppLabels.BACKEND,
            "emissary"),
        true,
        "app");
  }
}
