package org.aiappstore.plugin.tck.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.aiappstore.plugin.api.experiment.ExperimentCapability;
import org.aiappstore.plugin.api.experiment.ExperimentConnectorFactory;
import org.aiappstore.plugin.api.experiment.ExperimentStatus;
import org.aiappstore.plugin.api.experiment.ParameterValue;
import org.aiappstore.plugin.tck.experiment.testing.FakeHttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs connectors through the experiment contract with the JUnit Platform launcher and checks the
 * verdict: it must pass a correct connector, fail one that declares scalars it does not draw, and
 * skip what a connector does not declare while checking that it is refused.
 */
class ExperimentConnectorContractSelfTest {

  @Test
  void shouldPassACorrectConnector() {
    Outcome outcome = run(CorrectContract.class);

    assertThat(outcome.failed()).isEmpty();
    assertThat(outcome.skipped()).allMatch(name -> name.contains("NotDeclared"));
    assertThat(outcome.succeeded()).hasSizeGreaterThan(20);
  }

  @Test
  void shouldFailAConnectorThatDeclaresScalarsItDoesNotDraw() {
    Outcome outcome = run(BrokenScalarsContract.class);

    assertThat(outcome.failed())
        .singleElement()
        .satisfies(name -> assertThat(name).contains("shouldDrawScalarsAsOneFigurePerMetric"));
  }

  @Test
  void shouldSkipAndRefuseWhatIsNotDeclared() {
    Outcome outcome = run(NoCapabilityContract.class);

    assertThat(outcome.failed()).isEmpty();
    assertThat(outcome.skipped())
        .anyMatch(name -> name.contains("shouldDrawScalarsAsOneFigurePerMetric"))
        .anyMatch(name -> name.contains("shouldPageThroughAProject"))
        .anyMatch(name -> name.contains("shouldReadTheKnownDataset"))
        .anyMatch(name -> name.contains("shouldCloneUnderTheNewName"));
    assertThat(outcome.succeeded())
        .anyMatch(name -> name.contains("shouldLeaveScalarsEmptyWhenNotDeclared"))
        .anyMatch(name -> name.contains("shouldRejectSearchingWhenNotDeclared"))
        .anyMatch(name -> name.contains("shouldRejectDatasetsWhenNotDeclared"))
        .anyMatch(name -> name.contains("shouldRejectCloningWhenNotDeclared"))
        .anyMatch(name -> name.contains("shouldTimeOutOnASilentTrackerWithinTheConfiguredTimeout"));
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

  /**
   * The tracker the testing connector pings; the contract runs are not run by surefire directly.
   */
  abstract static class TestingContract extends ExperimentConnectorContract {
    static FakeHttpServer tracker;

    @BeforeAll
    static void startTracker() {
      tracker = FakeHttpServer.start();
      tracker.route("GET", "/ping", request -> FakeHttpServer.Response.text(200, "pong"));
    }

    @AfterAll
    static void stopTracker() {
      tracker.close();
    }

    @Override
    protected URI trackerUrl() {
      return tracker.baseUrl();
    }

    @Override
    protected Map<String, String> config(URI trackerUrl, Duration requestTimeout) {
      return Map.of(
          TestingExperimentConnectorFactory.URL,
          trackerUrl.toString(),
          TestingExperimentConnectorFactory.TIMEOUT_MILLIS,
          Long.toString(requestTimeout.toMillis()),
          TestingExperimentConnectorFactory.TOKEN,
          "tck-secret-token-5e1");
    }

    @Override
    protected ExperimentFixtures fixtures() {
      return ExperimentFixtures.builder()
          .experiment("e1", "resnet50", ExperimentStatus.COMPLETED, "p1")
          .tag("baseline")
          .parameter("lr", ParameterValue.of(new BigDecimal("0.001")))
          .scalarMetric("loss")
          .artifactName("model.pt")
          .searchPageSize(2)
          .dataset("d1", "cats")
          .unknownId("nope")
          .build();
    }
  }

  static class CorrectContract extends TestingContract {
    @Override
    protected ExperimentConnectorFactory factory() {
      return new TestingExperimentConnectorFactory(
          EnumSet.allOf(ExperimentCapability.class), false);
    }
  }

  static class BrokenScalarsContract extends TestingContract {
    @Override
    protected ExperimentConnectorFactory factory() {
      return new TestingExperimentConnectorFactory(EnumSet.allOf(ExperimentCapability.class), true);
    }
  }

  static class NoCapabilityContract extends TestingContract {
    @Override
    protected ExperimentConnectorFactory factory() {
      return new TestingExperimentConnectorFactory(Set.of(), false);
    }
  }
}
