package org.aiappstore.plugin.tck.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.aiappstore.plugin.api.data.DataCapability;
import org.aiappstore.plugin.api.data.DataConnectorFactory;
import org.aiappstore.plugin.tck.data.testing.InMemoryDataConnectorFactory;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs connectors through the contract with the JUnit Platform launcher and checks the verdict: the
 * contract must fail a connector that declares a capability it does not honour, and skip what a
 * connector does not declare.
 */
class DataConnectorContractSelfTest {

  @Nested
  class WhenAConnectorIgnoresRanges {

    @Test
    void shouldFailTheRangeTestsAndOnlyThem() {
      Outcome outcome = run(BrokenRangesContract.class);

      assertThat(outcome.failed())
          .as("failed tests")
          .isNotEmpty()
          .allMatch(
              name ->
                  name.contains("WhenReadingRanges") || name.contains("shouldStreamALargeObject"))
          .anyMatch(name -> name.contains("shouldReadTheFirstBytes"))
          .anyMatch(name -> name.contains("shouldClampAnEndBeyondTheObject"))
          .anyMatch(name -> name.contains("shouldRejectAStartBeyondTheEnd"));
      assertThat(outcome.succeeded())
          .anyMatch(name -> name.contains("shouldRoundTripASmallObject"));
    }
  }

  @Nested
  class WhenAConnectorDeclaresNoCapability {

    @Test
    void shouldSkipTheCapabilityTestsAndPassTheRest() {
      Outcome outcome = run(NoCapabilityContract.class);

      assertThat(outcome.failed()).isEmpty();
      assertThat(outcome.skipped())
          .anyMatch(name -> name.contains("shouldReadTheFirstBytes"))
          .anyMatch(name -> name.contains("shouldListByPrefixSortedByKey"))
          .anyMatch(name -> name.contains("shouldDownloadThroughAPresignedUrl"));
      assertThat(outcome.succeeded())
          .anyMatch(name -> name.contains("shouldRejectAPartialRangeWhenRangesAreNotDeclared"))
          .anyMatch(name -> name.contains("shouldRejectListingWhenNotDeclared"))
          .anyMatch(name -> name.contains("shouldRejectPresigningWhenNotDeclared"));
    }
  }

  @Nested
  class WhenAConnectorIsCorrect {

    @Test
    void shouldPassEveryTest() {
      Outcome outcome = run(CorrectContract.class);

      assertThat(outcome.failed()).isEmpty();
      assertThat(outcome.succeeded()).hasSizeGreaterThan(30);
    }
  }

  private static Outcome run(Class<?> contract) {
    Outcome outcome = new Outcome(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    Launcher launcher = LauncherFactory.create();
    launcher.execute(
        LauncherDiscoveryRequestBuilder.request().selectors(selectClass(contract)).build(),
        new TestExecutionListener() {
          @Override
          public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            if (!test.isTest()) {
              if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                outcome.failed().add(test.getUniqueId());
              }
              return;
            }
            switch (result.getStatus()) {
              case SUCCESSFUL -> outcome.succeeded().add(test.getUniqueId());
              case ABORTED -> outcome.skipped().add(test.getUniqueId());
              case FAILED -> outcome.failed().add(test.getUniqueId());
            }
          }
        });
    return outcome;
  }

  /** Unique ids of the tests by result; containers only appear when they fail. */
  private record Outcome(List<String> succeeded, List<String> skipped, List<String> failed) {}

  /** Not run by surefire directly (a nested class): only through {@link #run}. */
  static class BrokenRangesContract extends DataConnectorContract {
    @Override
    protected DataConnectorFactory factory() {
      return new BrokenRangesDataConnectorFactory();
    }

    @Override
    protected Map<String, String> config() {
      return Map.of();
    }

    @Override
    protected long largeObjectSize() {
      return 64 * 1024;
    }
  }

  static class NoCapabilityContract extends DataConnectorContract {
    @Override
    protected DataConnectorFactory factory() {
      return new InMemoryDataConnectorFactory(EnumSet.noneOf(DataCapability.class));
    }

    @Override
    protected Map<String, String> config() {
      return Map.of();
    }

    @Override
    protected long largeObjectSize() {
      return 64 * 1024;
    }
  }

  static class CorrectContract extends DataConnectorContract {
    @Override
    protected DataConnectorFactory factory() {
      return new InMemoryDataConnectorFactory();
    }

    @Override
    protected Map<String, String> config() {
      return Map.of();
    }

    @Override
    protected long largeObjectSize() {
      return 64 * 1024;
    }
  }
}
