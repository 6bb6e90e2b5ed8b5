/**
 * Test support for experiment connectors: {@link
 * org.aiappstore.plugin.tck.experiment.testing.FakeHttpServer} fakes a tracker's HTTP API from
 * recorded answers, finds a port where nothing listens, and can stall to provoke timeouts.
 */
package org.aiappstore.plugin.tck.experiment.testing;
