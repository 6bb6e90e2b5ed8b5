package org.aiappstore.plugins.experiment.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.aiappstore.plugin.api.config.ConnectorConfig;
import org.aiappstore.plugin.api.error.PlatformErrors;
import org.aiappstore.plugin.api.error.PlatformException;
import org.aiappstore.plugin.api.experiment.Artifact;
import org.aiappstore.plugin.api.experiment.Experiment;
import org.aiappstore.plugin.api.experiment.ExperimentConnector;
import org.aiappstore.plugin.api.experiment.ExperimentConnectorFactory;
import org.aiappstore.plugin.api.experiment.ExperimentStatus;
import org.aiappstore.plugin.api.experiment.ExperimentSummary;
import org.aiappstore.plugin.api.experiment.ParameterValue;
import org.aiappstore.plugin.api.experiment.PlotlyFigure;
import org.aiappstore.plugin.api.experiment.ProjectRef;
import org.aiappstore.plugin.api.experiment.ResultPage;
import org.aiappstore.plugin.api.experiment.SearchCriteria;
import org.aiappstore.plugin.tck.experiment.ExperimentConnectorContract;
import org.aiappstore.plugin.tck.experiment.ExperimentFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The MLflow connector against the experiment connector contract and a fake MLflow serving recorded
 * answers, plus what only MLflow has: page tokens, metric history paging, logged models and dataset
 * inputs.
 */
class MlflowExperimentConnectorContractTest extends ExperimentConnectorContract {

  private static FakeMlflow mlflow;

  @BeforeAll
  static void startMlflow() {
    mlflow = FakeMlflow.start();
  }

  @AfterAll
  static void stopMlflow() {
    if (mlflow != null) {
      mlflow.close();
    }
  }

  @Override
  protected ExperimentConnectorFactory factory() {
    return new MlflowExperimentConnectorFactory();
  }

  @Override
  protected Map<String, String> config(URI trackerUrl, Duration requestTimeout) {
    return FakeMlflow.config(trackerUrl, requestTimeout);
  }

  @Override
  protected URI trackerUrl() {
    return mlflow.trackingUrl();
  }

  @Override
  protected ExperimentFixtures fixtures() {
    return ExperimentFixtures.builder()
        .experiment(FakeMlflow.RESNET, "resnet50-baseline", ExperimentStatus.COMPLETED, "1")
        .tag("baseline")
        .parameter("lr", ParameterValue.of(new BigDecimal("0.001")))
        .scalarMetric("loss")
        .artifactName("model")
        .searchPageSize(2)
        .unknownId(FakeMlflow.UNKNOWN)
        .build();
  }

  @Nested
  class WhenReadingARun {

    @Test
    void shouldMapInfoTagsAndParameters() {
      Experiment run = connector().experiment(FakeMlflow.RESNET);

      assertThat(run.project()).isEqualTo(new ProjectRef("1", "vision-classifiers"));
      assertThat(run.owner()).isEqualTo("ada");
      assertThat(run.created()).isEqualTo(Instant.ofEpochMilli(1714557600000L));
      assertThat(run.tags()).containsExactly("baseline", "team=vision");
      assertThat(run.frameworks()).containsExactly("pytorch");
      assertThat(run.parameters())
          .containsExactly(
              Map.entry("lr", ParameterValue.of(new BigDecimal("0.001"))),
              Map.entry("epochs", ParameterValue.of(new BigDecimal("20"))),
              Map.entry("optimizer", ParameterValue.of("adam")),
              Map.entry("pretrained", ParameterValue.of(true)));
      assertThat(run.webUrl())
          .isEqualTo(
              URI.create("https://mlflow.example.test/#/experiments/1/runs/" + FakeMlflow.RESNET));
    }

    @Test
    void shouldReadEveryPageOfEachMetricHistory() {
      mlflow.http().clearRequests();

      List<PlotlyFigure> scalars = connector().experiment(FakeMlflow.RESNET).scalars();

      assertThat(scalars).extracting(PlotlyFigure::title).containsExactly("loss", "accuracy");
      PlotlyFigure loss = scalars.get(0);
      assertThat(loss.xAxisTitle()).isEqualTo("Step");
      assertThat(loss.series())
          .singleElement()
          .satisfies(
              series -> {
                assertThat(series.name()).isEqualTo("loss");
                assertThat(series.x()).containsExactly(0.0, 1.0, 2.0, 3.0, 4.0);
                assertThat(series.y()).containsExactly(1.42, 0.9, 0.61, 0.4, 0.21);
              });
      assertThat(scalars.get(1).series().get(0).y())
          .isEqualTo(Arrays.asList(0.55, null, 0.83, 0.88, 0.91));
      assertThat(mlflow.http().requests("/api/2.0/mlflow/metrics/get-history"))
          .filteredOn(r -> r.queryParameter("metric_key").orElse("").equals("loss"))
          .hasSize(3)
          .allSatisfy(r -> assertThat(r.queryParameter("max_results")).contains("25000"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {FakeMlflow.LONG_RUN, FakeMlflow.ONE_ANSWER_RUN})
    void shouldDrawALongHistoryToItsEndThinnedEvenly(String run) {
      PlotlyFigure loss = connector().experiment(run).scalars().get(0);

      List<Double> steps = loss.series().get(0).x();
      int last = FakeMlflow.LONG_HISTORY - 1;
      assertSoftly(
          softly -> {
            softly
                .assertThat(steps)
                .hasSizeLessThanOrEqualTo(MlflowExperimentConnector.MAX_HISTORY_POINTS + 1);
            softly.assertThat(steps.get(0)).isZero();
            softly.assertThat(steps.get(1) - steps.get(0)).isEqualTo(2.0);
            softly.assertThat(steps.get(steps.size() - 1)).isEqualTo((double) last);
            softly.assertThat(loss.series().get(0).y().get(steps.size() - 1)).isEqualTo(last);
            softly.assertThat(loss.title()).isEqualTo("loss");
            softly
                .assertThat(loss.xAxisTitle())
                .isEqualTo("Step (every 2nd of 100,005 points, and the last)");
          });
    }

    @Test
    void shouldDrawWhatWasReadOfAHistoryWhoseNextPageTakesTooLong() {
      try (ExperimentConnector impatient = create(mlflow.trackingUrl(), Duration.ofSeconds(1))) {
        PlotlyFigure loss = impatient.experiment(FakeMlflow.SLOW_HISTORY_RUN).scalars().get(0);

        assertThat(loss.series().get(0).x()).containsExactly(0.0, 1.0, 2.0);
        assertThat(loss.xAxisTitle())
            .isEqualTo(
                "Step (cut short after 3 points: reading more took longer than the request"
                    + " timeout)");
      }
    }

    @Test
    void shouldListArtifactsAcrossPagesWithTheLoggedModelAndDatasetInputs() {
      List<Artifact> artifacts = connector().experiment(FakeMlflow.RESNET).artifacts();
      String root = "s3://mlflow/1/" + FakeMlflow.RESNET + "/artifacts";

      assertThat(artifacts)
          .containsExactly(
              new Artifact("file", "confusion.png", root + "/confusion.png", null, 18234L),
              new Artifact("model", "model", root + "/model", "pytorch", null),
              new Artifact("file", "requirements.txt", root + "/requirements.txt", null, 112L),
              new Artifact(
                  "dataset-input",
                  "cats@7f3a1b2c",
                  "s3://datasets/cats/train.parquet",
                  null,
                  null));
    }

    @Test
    void shouldTranslateAnInternalErrorToRetryableUnavailable() {
      assertThatThrownBy(() -> connector().experiment(FakeMlflow.BROKEN_RUN))
          .isInstanceOfSatisfying(
              PlatformException.class,
              e -> {
                assertThat(e.errorCode()).isEqualTo(PlatformErrors.UNAVAILABLE);
                assertThat(e.retryable()).isTrue();
                assertThat(e.getMessage()).contains("INTERNAL_ERROR").doesNotContain("Traceback");
              });
    }

    @Test
    void shouldLeaveOutTheFigureOfAFailingHistoryButFailOnRefusedCredentials() {
      Experiment run = connector().experiment(FakeMlflow.FAILING_LOSS_RUN);

      assertSoftly(
          softly -> {
            softly
                .assertThat(run.scalars())
                .extracting(PlotlyFigure::title)
                .containsExactly("accuracy");
            softly.assertThat(run.parameters()).containsKey("lr");
            softly.assertThat(run.tags()).contains("baseline");
            softly.assertThat(run.artifacts()).extracting(Artifact::name).contains("model");
            softly
                .assertThatThrownBy(() -> connector().experiment(FakeMlflow.FLAKY_LOSS_RUN))
                .describedAs(
                    "a failure worth retrying fails the whole read, never cached as complete")
                .isInstanceOfSatisfying(
                    PlatformException.class, e -> assertThat(e.retryable()).isTrue());
            softly
                .assertThatThrownBy(() -> connector().experiment(FakeMlflow.DENIED_LOSS_RUN))
                .isInstanceOfSatisfying(
                    PlatformException.class,
                    e -> assertThat(e.errorCode()).isEqualTo(PlatformErrors.UNAUTHORIZED_REMOTE));
          });
    }

    @Test
    void shouldTimeOutOnASlowAnswerWhileOtherCallsGoOn() {
      try (ExperimentConnector impatient = create(mlflow.trackingUrl(), Duration.ofSeconds(1))) {
        assertThatThrownBy(() -> impatient.experiment(FakeMlflow.SLOW_RUN))
            .isInstanceOfSatisfying(
                PlatformException.class,
                e -> assertThat(e.errorCode()).isEqualTo(PlatformErrors.TIMEOUT));

        assertThat(impatient.experiment(FakeMlflow.VIT).status())
            .isEqualTo(ExperimentStatus.RUNNING);
      }
    }

    @Test
    void shouldReportAMissingTokenAsUnauthorized() {
      Map<String, String> config = mlflow.config();
      config.put(MlflowExperimentConnectorFactory.TOKEN, "wrong-token-31c9");
      MlflowExperimentConnectorFactory factory = new MlflowExperimentConnectorFactory();

      try (ExperimentConnector wrong =
          factory.create(ConnectorConfig.of(factory.configSchema(), config), context())) {
        assertThat(wrong.checkConnection().retryable()).isFalse();
        assertThatThrownBy(() -> wrong.experiment(FakeMlflow.RESNET))
            .isInstanceOfSatisfying(
                PlatformException.class,
                e -> {
                  assertThat(e.errorCode()).isEqualTo(PlatformErrors.UNAUTHORIZED_REMOTE);
                  assertThat(e.retryable()).isFalse();
                  assertThat(e.getMessage()).doesNotContain("wrong-token-31c9");
                });
      }
    }
  }

  @Nested
  class WhenTheTrackingUrlIsWrong {

    @Test
    void shouldSayToCheckTheTrackingUrlInsteadOfReportingAMissingRun() {
      URI wrongPrefix = URI.create(mlflow.trackingUrl() + "/not-mlflow");

      try (ExperimentConnector misdirected = create(wrongPrefix, Duration.ofSeconds(5))) {
        assertThat(misdirected.checkConnection())
            .satisfies(
                check -> {
                  assertThat(check.ok()).isFalse();
                  assertThat(check.retryable()).isFalse();
                  assertThat(check.detail()).contains("check the tracking URL");
                });
        assertThatThrownBy(() -> misdirected.experiment(FakeMlflow.RESNET))
            .isInstanceOfSatisfying(
                PlatformException.class,
                e -> {
                  assertThat(e.errorCode()).isEqualTo(MlflowErrors.API_NOT_FOUND);
                  assertThat(e.retryable()).isFalse();
                });
      }
    }
  }

  @Nested
  class WhenSearchingRuns {

    @Test
    void shouldSendTheFilterOrderAndPageToken() throws Exception {
      mlflow.http().clearRequests();
      SearchCriteria criteria =
          SearchCriteria.firstPage(1)
              .inProject("1")
              .withText("it's")
              .withTags(List.of("baseline", "team=vision"));

      connector().searchExperiments(criteria);
      connector()
          .searchExperiments(criteria.next(new ResultPage<>(List.of(), FakeMlflow.pageToken(1))));

      List<JsonNode> bodies =
          mlflow.http().requests("/api/2.0/mlflow/runs/search").stream()
              .map(r -> read(r.body()))
              .toList();
      assertThat(bodies.get(0).path("filter").asText())
          .isEqualTo(
              "attributes.run_name ILIKE \"%it's%\" AND tags.`baseline` LIKE '%' AND tags.`team` ="
                  + " 'vision'");
      assertThat(bodies.get(0).path("experiment_ids").toString()).isEqualTo("[\"1\"]");
      assertThat(bodies.get(0).path("order_by").toString())
          .isEqualTo("[\"attributes.start_time DESC\"]");
      assertThat(bodies.get(0).has("page_token")).isFalse();
      assertThat(bodies.get(1).path("page_token").asText()).isEqualTo(FakeMlflow.pageToken(1));
    }

    @ParameterizedTest(name = "note={0}")
    @CsvSource(
        delimiter = '|',
        value = {
          "it's | " + FakeMlflow.EFFNET,
          "say \"it's\" twice | " + FakeMlflow.BERT,
          "say 'it\"s' twice | " + FakeMlflow.VIT
        })
    void shouldFindATagValueExactlyWhateverQuotesItHas(String note, String run) {
      assertThat(
              connector()
                  .searchExperiments(SearchCriteria.firstPage(10).withTags(List.of("note=" + note)))
                  .items())
          .extracting(ExperimentSummary::id)
          .containsExactly(run);
    }

    @Test
    void shouldSearchEveryExperimentWhenNoneIsGiven() {
      List<ExperimentSummary> runs =
          connector().searchExperiments(SearchCriteria.firstPage(10)).items();

      assertThat(runs)
          .extracting(ExperimentSummary::id)
          .containsExactly(FakeMlflow.VIT, FakeMlflow.RESNET, FakeMlflow.BERT, FakeMlflow.EFFNET);
      assertThat(runs).extracting(r -> r.project().name()).contains("nlp", "vision-classifiers");
    }

    @Test
    void shouldFindRunsByTagAndNameText() {
      assertThat(
              connector()
                  .searchExperiments(
                      SearchCriteria.firstPage(10).withText("NET").withTags(List.of("baseline")))
                  .items())
          .extracting(ExperimentSummary::id)
          .containsExactly(FakeMlflow.RESNET, FakeMlflow.EFFNET);
    }
  }

  private static JsonNode read(String body) {
    try {
      return new ObjectMapper().readTree(body);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
