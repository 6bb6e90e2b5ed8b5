/**
 * A deployment backend that runs demo apps as plain Kubernetes Deployments and Services, routed by
 * Emissary-ingress Mappings under {@code /apps/{name}/} of a shared host. Manifests are rendered
 * from Thymeleaf TEXT templates under {@code templates/emissary/} with YAML-safe quoting.
 */
package org.aiappstore.plugins.deployment.emissary;
