package org.aiappstore.deploy;

/** Each values file the chart ships, with what its rendering must show. */
enum Scenario {
  DEFAULTS(null, 1, "none", false),
  EVALUATION("values-evaluation.yaml", 1, "none", false),
  PRODUCTION_KNATIVE("values-production-knative.yaml", 3, "knative", true),
  PRODUCTION_EMISSARY("values-production-emissary.yaml", 2, "emissary", true);

  final String valuesFile;
  final int replicas;
  final String backend;
  final boolean ingressWithTls;

  Scenario(String valuesFile, int replicas, String backend, boolean ingressWithTls) {
    this.valuesFile = valuesFile;
    this.replicas = replicas;
    this.backend = backend;
    this.ingressWithTls = ingressWithTls;
  }

  Rendered render() {
    return HelmChart.render(valuesFile);
  }
}
