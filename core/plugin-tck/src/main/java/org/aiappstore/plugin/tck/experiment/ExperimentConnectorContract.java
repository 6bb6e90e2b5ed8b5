package org.aiappstore.plugin.tck.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.aiappstore.plugin.api.ConnectionCheck;
import org.aiappstore.plugin.api.ConnectorContext;
import org.aiappstore.plugin.api.config.ConfigProperty;
import org.aiappstore.plugin.api.config.ConnectorConfig;
import org.aiappstore.plugin.api.error.ErrorCode;
import org.aiappstore.plugin.api.error.PlatformErrors;
import org.aiappstore.plugin.api.error.PlatformException;
import org.aiappstore.plugin.api.experiment.Artifact;
import org.aiappstore.plugin.api.experiment.Dataset;
import org.aiappstore.plugin.api.experiment.Experiment;
import org.aiappstore.plugin.api.experiment.ExperimentCapability;
import org.aiappstore.plugin.api.experiment.ExperimentConnector;
import org.aiappstore.plugin.api.experiment.ExperimentConnectorFactory;
import org.aiappstore.plugin.api.experiment.ExperimentSummary;
import org.aiappstore.plugin.api.experiment.MetricValue;
import org.aiappstore.plugin.api.experiment.Plot;
import org.aiappstore.plugin.api.experiment.PlotlyFigure;
import org.aiappstore.plugin.api.experiment.PlotlySeries;
import org.aiappstore.plugin.api.experiment.ResultPage;
import org.aiappstore.plugin.api.experiment.SearchCriteria;
import org.aiappstore.plugin.tck.experiment.testing.FakeHttpServer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link ExperimentConnector} must honour. A plugin's test extends this class,
 * starts a fake tracker serving recorded answers, and supplies its {@link #factory()}, a {@link
 * #config(URI, Duration) configuration} for a tracker at a given URL, the fake's {@link
 * #trackerUrl()} and the {@link #fixtures()} it holds. The contract creates a connector per test
 * and closes it afterwards.
 *
 * <p>Capabilities are verified both ways: tests of a capability the factory does not declare are
 * reported as skipped, and undeclared operations must fail with {@link
 * PlatformErrors#NOT_SUPPORTED} (undeclared parts of an experiment must be empty). Failure
 * translation is checked against a port where nothing listens ({@link PlatformErrors#UNAVAILABLE})
 * and a tracker that never answers ({@link PlatformErrors#TIMEOUT} within the configured timeout).
 *
 * <p>Give secrets distinctive values in {@link #config(URI, Duration)}: the contract checks that
 * they never appear in {@code toString()}, connection-check details or error messages.
 *
 * <pre>{@code
 * class AcmeExperimentConnectorContractTest extends ExperimentConnectorContract {
 *   static FakeAcmeTracker tracker = FakeAcmeTracker.start();  // serves recorded JSON
 *
 *   protected ExperimentConnectorFactory factory() { return new AcmeExperimentConnectorFactory(); }
 *   protected URI trackerUrl() { return tracker.baseUrl(); }
 *   protected Map<String, String> config(URI url, Duration timeout) { ... }
 *   protected ExperimentFixtures fixtures() { return ExperimentFixtures.builder()...build(); }
 * }
 * }</pre>
 */
public abstract class ExperimentConnectorContract {

  /** The request timeout of the connector under test, unless {@link #requestTimeout()} says. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);

  /** The request timeout used against a tracker that never answers. */
  public static final Duration SILENT_TRACKER_TIMEOUT = Duration.ofSeconds(1);

  /** How much longer than its timeout a connector may take to give up on a silent tracker. */
  public static final Duration TIMEOUT_SLACK = Duration.ofSeconds(3);

  private ExperimentConnectorFactory factory;
  private Set<ExperimentCapability> capabilities;
  private ExperimentFixtures fixtures;
  private ExperimentConnector connector;

  /** For subclasses. */
  protected ExperimentConnectorContract() {}

  /**
   * The factory under test, as PF4J would create it.
   *
   * @return a factory
   */
  protected abstract ExperimentConnectorFactory factory();

  /**
   * Raw configuration values for a tracker whose API is at a URL.
   *
   * @param trackerUrl the tracker's base URL: the fake's, or one where nothing listens or nothing
   *     answers
   * @param requestTimeout the per-request timeout to configure
   * @return values valid against the factory's schema, with distinctive secrets
   */
  protected abstract Map<String, String> config(URI trackerUrl, Duration requestTimeout);

  /**
   * The base URL of the fake tracker holding the {@link #fixtures()}, started by the test.
   *
   * @return the URL
   */
  protected abstract URI trackerUrl();

  /**
   * What the fake tracker holds.
   *
   * @return the fixtures
   */
  protected abstract ExperimentFixtures fixtures();

  /**
   * The host services passed to {@link ExperimentConnectorFactory#create}.
   *
   * @return by default {@link ConnectorContext#defaults()}
   */
  protected ConnectorContext context() {
    return ConnectorContext.defaults();
  }

  /**
   * The per-request timeout against the fake tracker.
   *
   * @return by default {@link #DEFAULT_REQUEST_TIMEOUT}
   */
  protected Duration requestTimeout() {
    return DEFAULT_REQUEST_TIMEOUT;
  }

  /**
   * The connector of the current test, configured for the fake tracker.
   *
   * @return the open connector
   */
  protected final ExperimentConnector connector() {
    return connector;
  }

  /**
   * The capabilities the factory declares.
   *
   * @return the declared capabilities
   */
  protected final Set<ExperimentCapability> capabilities() {
    return capabilities;
  }

  /**
   * Creates another connector of the factory under test, to close.
   *
   * @param trackerUrl the tracker's base URL
   * @param requestTimeout the per-request timeout
   * @return a new connector
   */
  protected final ExperimentConnector create(URI trackerUrl, Duration requestTimeout) {
    Map<String, String> values = config(trackerUrl, requestTimeout);
    return factory.create(ConnectorConfig.of(factory.configSchema(), values), context());
  }

  @BeforeEach
  final void openConnector() {
    factory = factory();
    assertThat(factory).as("factory()").isNotNull();
    capabilities = Set.copyOf(factory.capabilities());
    fixtures = fixtures();
    assertThat(fixtures).as("fixtures()").isNotNull();
    connector = create(trackerUrl(), requestTimeout());
    assertThat(connector).as("created connector").isNotNull();
  }

  @AfterEach
  final void closeConnector() {
    if (connector != null) {
      connector.close();
    }
  }

  /** Describing the connector and checking the connection. */
  @Nested
  public class WhenDescribingAndChecking {

    @Test
    void shouldDescribeItselfAndAcceptTheTestConfiguration() {
      Map<String, String> values = config(trackerUrl(), requestTimeout());

      assertSoftly(
          s -> {
            s.assertThat(factory.descriptor()).isNotNull();
            s.assertThat(factory.capabilities()).isNotNull();
            s.assertThat(factory.configSchema().validate(values)).isEmpty();
            s.assertThat(factory.configSchema().properties())
                .allSatisfy(p -> assertThat(p.label()).isNotBlank());
          });
    }

    @Test
    void shouldNeverPrintSecrets() {
      assertHidesSecrets(connector.toString());
    }

    @Test
    void shouldReportAWorkingConnection() {
      ConnectionCheck check = connector.checkConnection();

      assertThat(check.ok()).as("ok of %s", check).isTrue();
      assertThat(check.durationMs()).isNotNegative();
    }

    @Test
    void shouldReportAnUnreachableTrackerAsRetryable() {
      try (ExperimentConnector unreachable = create(FakeHttpServer.unusedUrl(), requestTimeout())) {
        ConnectionCheck check = unreachable.checkConnection();

        assertSoftly(
            s -> {
              s.assertThat(check.ok()).isFalse();
              s.assertThat(check.retryable()).isTrue();
              s.assertThat(check.detail()).isNotBlank();
              s.check(() -> assertHidesSecrets(check.detail()));
            });
      }
    }

    @Test
    void shouldReportASilentTrackerAsRetryable() {
      try (FakeHttpServer silent = FakeHttpServer.start();
          ExperimentConnector connector = create(silent.baseUrl(), SILENT_TRACKER_TIMEOUT)) {
        silent.stall();

        ConnectionCheck check = connector.checkConnection();

        assertThat(check.ok()).isFalse();
        assertThat(check.retryable()).isTrue();
      }
    }
  }

  /** Reading one experiment. */
  @Nested
  public class WhenReadingAnExperiment {

    @Test
    void shouldReadTheKnownExperiment() {
      Experiment experiment = connector.experiment(fixtures.experimentId());

      assertSoftly(
          s -> {
            s.assertThat(experiment.id()).isEqualTo(fixtures.experimentId());
            s.assertThat(experiment.name()).isEqualTo(fixtures.experimentName());
            s.assertThat(experiment.status()).isEqualTo(fixtures.status());
            s.assertThat(experiment.project().id()).isEqualTo(fixtures.projectId());
            s.assertThat(experiment.project().name()).isNotBlank();
            s.assertThat(experiment.webUrl()).as("web URL").isNotNull();
            s.assertThat(experiment.created()).as("created").isNotNull();
            if (fixtures.tag() != null) {
              s.assertThat(experiment.tags()).contains(fixtures.tag());
            }
            if (fixtures.parameterName() != null) {
              s.assertThat(experiment.parameters())
                  .containsEntry(fixtures.parameterName(), fixtures.parameterValue());
            }
            if (fixtures.scalarMetric() != null) {
              s.assertThat(experiment.latestMetrics())
                  .extracting(MetricValue::metric)
                  .contains(fixtures.scalarMetric());
            }
          });
    }

    @Test
    void shouldFailWithNotFoundForAnUnknownId() {
      assertPlatformError(
          () -> connector.experiment(fixtures.unknownId()), PlatformErrors.EXPERIMENT_NOT_FOUND);
    }

    @Test
    void shouldDrawScalarsAsOneFigurePerMetric() {
      assumeTrue(capabilities.contains(ExperimentCapability.SCALARS), "SCALARS not declared");
      assumeTrue(fixtures.scalarMetric() != null, "no scalar metric in the fixtures");

      List<PlotlyFigure> scalars = connector.experiment(fixtures.experimentId()).scalars();

      assertThat(scalars).extracting(PlotlyFigure::title).doesNotHaveDuplicates();
      assertThat(scalars)
          .filteredOn(f -> f.title().equals(fixtures.scalarMetric()))
          .singleElement()
          .satisfies(
              figure -> {
                assertThat(figure.series()).isNotEmpty();
                assertThat(figure.series()).extracting(PlotlySeries::name).doesNotHaveDuplicates();
                for (PlotlySeries series : figure.series()) {
                  assertThat(series.x()).isNotEmpty().hasSameSizeAs(series.y());
                }
                assertThat(figure.toPlotlyJson()).startsWith("{\"data\":[{");
              });
    }

    @Test
    void shouldLeaveScalarsEmptyWhenNotDeclared() {
      assumeFalse(capabilities.contains(ExperimentCapability.SCALARS), "SCALARS declared");

      assertThat(connector.experiment(fixtures.experimentId()).scalars()).isEmpty();
    }

    @Test
    void shouldPassPlotsThrough() {
      assumeTrue(capabilities.contains(ExperimentCapability.PLOTS), "PLOTS not declared");

      List<Plot> plots = connector.experiment(fixtures.experimentId()).plots();

      assertThat(plots)
          .isNotEmpty()
          .allSatisfy(
              plot -> {
                assertThat(plot.title()).isNotBlank();
                assertThat(plot.plotlyJson().strip()).startsWith("{").endsWith("}");
              });
    }

    @Test
    void shouldLeavePlotsEmptyWhenNotDeclared() {
      assumeFalse(capabilities.contains(ExperimentCapability.PLOTS), "PLOTS declared");

      assertThat(connector.experiment(fixtures.experimentId()).plots()).isEmpty();
    }

    @Test
    void shouldListArtifacts() {
      assumeTrue(capabilities.contains(ExperimentCapability.ARTIFACTS), "ARTIFACTS not declared");

      List<Artifact> artifacts = connector.experiment(fixtures.experimentId()).artifacts();

      assertThat(artifacts).isNotEmpty().allSatisfy(a -> assertThat(a.type()).isNotBlank());
      if (fixtures.artifactName() != null) {
        assertThat(artifacts).extracting(Artifact::name).contains(fixtures.artifactName());
      }
    }

    @Test
    void shouldLeaveArtifactsEmptyWhenNotDeclared() {
      assumeFalse(capabilities.contains(ExperimentCapability.ARTIFACTS), "ARTIFACTS declared");

      assertThat(connector.experiment(fixtures.experimentId()).artifacts()).isEmpty();
    }
  }

  /** Searching experiments; needs {@link ExperimentCapability#SEARCH}. */
  @Nested
  public class WhenSearching {

    @Test
    void shouldPageThroughAProject() {
      assumeTrue(capabilities.contains(ExperimentCapability.SEARCH), "SEARCH not declared");
      int pageSize = fixtures.searchPageSize();
      SearchCriteria criteria = SearchCriteria.firstPage(pageSize).inProject(fixtures.projectId());

      ResultPage<ExperimentSummary> first = connector.searchExperiments(criteria);

      assertThat(first.items()).as("first page").hasSize(pageSize);
      assertThat(first.hasNext()).as("a page follows the first").isTrue();
      List<ExperimentSummary> all = new ArrayList<>(first.items());
      ResultPage<ExperimentSummary> page = first;
      for (int pages = 1; page.hasNext() && pages < 100; pages++) {
        criteria = criteria.next(page);
        page = connector.searchExperiments(criteria);
        assertThat(page.items()).hasSizeLessThanOrEqualTo(pageSize);
        all.addAll(page.items());
      }
      assertThat(page.hasNext()).as("paging ends").isFalse();
      assertThat(all).hasSizeGreaterThan(pageSize);
      assertThat(all).extracting(ExperimentSummary::id).doesNotHaveDuplicates();
      assertThat(all).extracting(ExperimentSummary::id).contains(fixtures.experimentId());
      assertThat(all).allSatisfy(e -> assertThat(e.project().id()).isEqualTo(fixtures.projectId()));
    }

    @Test
    void shouldSummarizeTheKnownExperimentLikeReadingIt() {
      assumeTrue(capabilities.contains(ExperimentCapability.SEARCH), "SEARCH not declared");
      List<ExperimentSummary> found = new ArrayList<>();
      SearchCriteria criteria =
          SearchCriteria.firstPage(SearchCriteria.MAX_PAGE_SIZE).inProject(fixtures.projectId());
      ResultPage<ExperimentSummary> page = connector.searchExperiments(criteria);
      found.addAll(page.items());
      for (int pages = 1; page.hasNext() && pages < 100; pages++) {
        criteria = criteria.next(page);
        page = connector.searchExperiments(criteria);
        found.addAll(page.items());
      }

      ExperimentSummary read = connector.experiment(fixtures.experimentId()).summary();

      assertThat(found).filteredOn(e -> e.id().equals(read.id())).singleElement().isEqualTo(read);
    }

    @Test
    void shouldRejectACursorItDidNotIssue() {
      assumeTrue(capabilities.contains(ExperimentCapability.SEARCH), "SEARCH not declared");
      SearchCriteria forged =
          new SearchCriteria(fixtures.projectId(), null, List.of(), 2, "forged cursor -1");

      assertPlatformError(
          () -> connector.searchExperiments(forged), PlatformErrors.INVALID_ARGUMENT);
    }

    @Test
    void shouldRejectSearchingWhenNotDeclared() {
      assumeFalse(capabilities.contains(ExperimentCapability.SEARCH), "SEARCH declared");

      assertPlatformError(
          () -> connector.searchExperiments(SearchCriteria.firstPage()),
          PlatformErrors.NOT_SUPPORTED);
    }
  }

  /** Reading and searching datasets; needs {@link ExperimentCapability#DATASETS}. */
  @Nested
  public class WhenReadingDatasets {

    @Test
    void shouldReadTheKnownDataset() {
      assumeDatasets();

      Dataset dataset = connector.dataset(fixtures.datasetId());

      assertSoftly(
          s -> {
            s.assertThat(dataset.id()).isEqualTo(fixtures.datasetId());
            s.assertThat(dataset.name()).isEqualTo(fixtures.datasetName());
            s.assertThat(dataset.project().id()).isNotBlank();
            s.assertThat(dataset.webUrl()).isNotNull();
          });
    }

    @Test
    void shouldFailWithNotFoundForAnUnknownDataset() {
      assumeDatasets();

      assertPlatformError(
          () -> connector.dataset(fixtures.unknownId()), PlatformErrors.DATASET_NOT_FOUND);
    }

    @Test
    void shouldTellAnExperimentFromADataset() {
      assumeDatasets();

      assertPlatformError(
          () -> connector.dataset(fixtures.experimentId()), PlatformErrors.DATASET_NOT_FOUND);
    }

    @Test
    void shouldFindDatasetsButNoExperiments() {
      assumeDatasets();

      ResultPage<Dataset> page =
          connector.searchDatasets(SearchCriteria.firstPage(SearchCriteria.MAX_PAGE_SIZE));

      assertThat(page.items())
          .extracting(Dataset::id)
          .contains(fixtures.datasetId())
          .doesNotContain(fixtures.experimentId());
    }

    @Test
    void shouldRejectDatasetsWhenNotDeclared() {
      assumeFalse(capabilities.contains(ExperimentCapability.DATASETS), "DATASETS declared");

      assertPlatformError(() -> connector.dataset("any"), PlatformErrors.NOT_SUPPORTED);
      assertPlatformError(
          () -> connector.searchDatasets(SearchCriteria.firstPage()), PlatformErrors.NOT_SUPPORTED);
    }

    private void assumeDatasets() {
      assumeTrue(capabilities.contains(ExperimentCapability.DATASETS), "DATASETS not declared");
      assumeTrue(fixtures.datasetId() != null, "no dataset in the fixtures");
    }
  }

  /** Cloning experiments; needs {@link ExperimentCapability#CLONE}. */
  @Nested
  public class WhenCloning {

    @Test
    void shouldCloneUnderTheNewName() {
      assumeTrue(capabilities.contains(ExperimentCapability.CLONE), "CLONE not declared");

      String id = connector.cloneExperiment(fixtures.experimentId(), "tck clone");

      assertThat(id).isNotBlank().isNotEqualTo(fixtures.experimentId());
      assertThat(connector.experiment(id).name()).isEqualTo("tck clone");
    }

    @Test
    void shouldFailToCloneAnUnknownExperiment() {
      assumeTrue(capabilities.contains(ExperimentCapability.CLONE), "CLONE not declared");

      assertPlatformError(
          () -> connector.cloneExperiment(fixtures.unknownId(), "copy"),
          PlatformErrors.EXPERIMENT_NOT_FOUND);
    }

    @Test
    void shouldRejectCloningWhenNotDeclared() {
      assumeFalse(capabilities.contains(ExperimentCapability.CLONE), "CLONE declared");

      assertPlatformError(
          () -> connector.cloneExperiment(fixtures.experimentId(), "copy"),
          PlatformErrors.NOT_SUPPORTED);
    }
  }

  /** A tracker that is down or does not answer. */
  @Nested
  public class WhenTheTrackerFails {

    @Test
    void shouldTimeOutOnASilentTrackerWithinTheConfiguredTimeout() {
      try (FakeHttpServer silent = FakeHttpServer.start();
          ExperimentConnector connector = create(silent.baseUrl(), SILENT_TRACKER_TIMEOUT)) {
        silent.stall();
        long start = System.nanoTime();

        assertThatThrownBy(() -> connector.experiment(fixtures.experimentId()))
            .isInstanceOfSatisfying(
                PlatformException.class,
                e -> {
                  assertThat(e.errorCode()).isEqualTo(PlatformErrors.TIMEOUT);
                  assertThat(e.retryable()).isTrue();
                  assertHidesSecrets(e.getMessage());
                });
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        assertThat(elapsed).isLessThan(SILENT_TRACKER_TIMEOUT.plus(TIMEOUT_SLACK));
      }
    }

    @Test
    void shouldReportAnUnreachableTrackerAsUnavailable() {
      try (ExperimentConnector unreachable = create(FakeHttpServer.unusedUrl(), requestTimeout())) {
        assertThatThrownBy(() -> unreachable.experiment(fixtures.experimentId()))
            .isInstanceOfSatisfying(
                PlatformException.class,
                e -> {
                  assertThat(e.errorCode()).isEqualTo(PlatformErrors.UNAVAILABLE);
                  assertThat(e.retryable()).isTrue();
                  assertHidesSecrets(e.getMessage());
                });
      }
    }
  }

  /**
   * Asserts that a call fails with a platform error of a code.
   *
   * @param call the call
   * @param code the expected code
   */
  protected static void assertPlatformError(ThrowingCallable call, ErrorCode code) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            PlatformException.class,
            e -> assertThat(e.errorCode()).as("code of %s", e).isEqualTo(code));
  }

  /**
   * Asserts that a text contains none of the {@link #secrets()}.
   *
   * @param text a message, detail or description meant for people
   */
  protected final void assertHidesSecrets(String text) {
    for (String secret : secrets()) {
      assertThat(text).as("printed text").doesNotContain(secret);
    }
  }

  /**
   * The secret values of the test configuration, which must never be printed.
   *
   * @return the values of the schema's secret properties
   */
  protected final String[] secrets() {
    Map<String, String> values = config(trackerUrl(), requestTimeout());
    return factory.configSchema().properties().stream()
        .filter(ConfigProperty::secret)
        .map(p -> values.get(p.name()))
        .filter(v -> v != null && !v.isBlank())
        .toArray(String[]::new);
  }
}
