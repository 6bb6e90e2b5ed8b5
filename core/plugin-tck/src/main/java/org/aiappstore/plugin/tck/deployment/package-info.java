/**
 * Contract tests of {@link org.aiappstore.plugin.api.deployment.DeploymentBackendFactory deployment
 * backends}: extend {@link org.aiappstore.plugin.tck.deployment.DeploymentBackendContract} in a
 * plugin's test sources. It runs against fabric8's Kubernetes mock server; the plugin's test
 * declares {@code io.fabric8:kubernetes-server-mock} and {@code kubernetes-httpclient-jdk} with
 * scope test (the TCK marks them optional, so data plugins do not get them).
 */
package org.aiappstore.plugin.tck.deployment;
