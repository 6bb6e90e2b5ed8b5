/**
 * Test fixtures of the deployment contract: {@link
 * org.aiappstore.plugin.tck.deployment.testing.KubernetesMockCluster}, a Kubernetes API in CRUD
 * mode with pods, events and pod logs a test controls, and {@link
 * org.aiappstore.plugin.tck.deployment.testing.RecordingLogListener}, which records and awaits log
 * deliveries and notices contract breaches.
 */
package org.aiappstore.plugin.tck.deployment.testing;
