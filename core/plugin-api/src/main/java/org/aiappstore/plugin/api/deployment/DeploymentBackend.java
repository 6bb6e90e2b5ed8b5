package org.aiappstore.plugin.api.deployment;

import org.aiappstore.plugin.api.Connector;

/**
 * A configured connection to a platform that runs demo apps. Its operations (deploy, scale, status,
 * logs, undeploy) arrive with the deployment-backend issue, as {@code default} methods so that
 * existing plugins keep working.
 */
public interface DeploymentBackend extends Connector {}
