/**
 * A deployment backend that runs demo apps as KNative Serving Services ({@code
 * serving.knative.dev/v1}), which autoscale between a minimum (possibly zero) and a maximum of
 * instances. Manifests are rendered from Thymeleaf TEXT templates under {@code templates/knative/}
 * with YAML-safe quoting.
 */
package org.aiappstore.plugins.deployment.knative;
