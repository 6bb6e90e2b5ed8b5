/**
 * Contract tests of {@link org.aiappstore.plugin.api.experiment.ExperimentConnectorFactory
 * experiment connectors}: extend {@link
 * org.aiappstore.plugin.tck.experiment.ExperimentConnectorContract} in a plugin's test sources,
 * with {@link org.aiappstore.plugin.tck.experiment.ExperimentFixtures} describing what its fake
 * tracker holds.
 */
package org.aiappstore.plugin.tck.experiment;
