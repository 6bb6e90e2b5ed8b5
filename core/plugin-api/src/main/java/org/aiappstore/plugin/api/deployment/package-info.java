/**
 * The deployment extension point that runs live demo apps on Kubernetes (KNative, Emissary, ...).
 *
 * <p>A {@link org.aiappstore.plugin.api.deployment.DeploymentBackendFactory} creates {@link
 * org.aiappstore.plugin.api.deployment.DeploymentBackend}s for one namespace. The host describes an
 * app with an {@link org.aiappstore.plugin.api.deployment.AppSpec} (always valid: image references
 * checked by {@link org.aiappstore.plugin.api.deployment.ImageReferences}, variable names by {@link
 * org.aiappstore.plugin.api.deployment.EnvNames}, quantities by {@link
 * org.aiappstore.plugin.api.deployment.Quantities}) and a backend previews, deploys, updates,
 * scales, restores and deletes it, reports an {@link
 * org.aiappstore.plugin.api.deployment.AppStatus}, streams its logs to a {@link
 * org.aiappstore.plugin.api.deployment.LogListener} and lists the {@link
 * org.aiappstore.plugin.api.deployment.ManagedApp}s it finds by their {@link
 * org.aiappstore.plugin.api.deployment.AppLabels labels}.
 *
 * <p>Secret environment values go into a Kubernetes Secret and never come back: they are masked as
 * {@link org.aiappstore.plugin.api.deployment.AppSpec#MASK} in previews, specs and messages.
 */
package org.aiappstore.plugin.api.deployment;
