package org.aiappstore.plugins.experiment.clearml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.aiappstore.plugin.api.config.ConnectorConfig;
import org.aiappstore.plugin.api.error.PlatformErrors;
import org.aiappstore.plugin.api.error.PlatformException;
import org.aiappstore.plugin.api.experiment.Artifact;
import org.aiappstore.plugin.api.experiment.Dataset;
import org.aiappstore.plugin.api.experiment.Experiment;
import org.aiappstore.plugin.api.experiment.ExperimentConnector;
import org.aiappstore.plugin.api.experiment.ExperimentConnectorFactory;
import org.aiappstore.plugin.api.experiment.ExperimentStatus;
import org.aiappstore.plugin.api.experiment.ExperimentSummary;
import org.aiappstore.plugin.api.experiment.FileSummary;
import org.aiappstore.plugin.api.experiment.ParameterValue;
import org.aiappstore.plugin.api.experiment.Plot;
import org.aiappstore.plugin.api.experiment.PlotlyFigure;
import org.aiappstore.plugin.api.experiment.ProjectRef;
import org.aiappstore.plugin.api.experiment.SearchCriteria;
import org.aiappstore.plugin.tck.experiment.ExperimentConnectorContract;
import org.aiappstore.plugin.tck.experiment.ExperimentFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The ClearML connector against the experiment connector contract and a fake ClearML API serving
 * recorded answers, plus what only ClearML has: tokens, datasets as tasks and request bodies.
 */
class ClearMlExperimentConnectorContractTest extends ExperimentConnectorContract {

  private static FakeClearMl clearMl;

  @BeforeAll
  static void startClearMl() {
    clearMl = FakeClearMl.start();
  }

  @AfterAll
  static void stopClearMl() {
    if (clearMl != null) {
      clearMl.close();
    }
  }

  @Override
  protected ExperimentConnectorFactory factory() {
    return new ClearMlExperimentConnectorFactory();
  }

  @Override
  protected Map<String, String> config(URI trackerUrl, Duration requestTimeout) {
    return FakeClearMl.config(trackerUrl, requestTimeout);
  }

  @Override
  protected URI trackerUrl() {
    return clearMl.apiUrl();
  }

  @Override
  protected ExperimentFixtures fixtures() {
    return ExperimentFixtures.builder()
        .experiment(
            FakeClearMl.RESNET, "resnet50 baseline", ExperimentStatus.COMPLETED, FakeClearMl.VISION)
        .tag("baseline")
        .parameter("Args/lr", ParameterValue.of(new BigDecimal("0.001")))
        .scalarMetric("loss")
        .artifactName("resnet50_best")
        .searchPageSize(2)
        .dataset(FakeClearMl.DATASET, "cats")
        .unknownId(FakeClearMl.UNKNOWN)
        .build();
  }

  @Nested
  class WhenReadingATask {

    @Test
    void shouldTypeParametersByClearMlsHints() {
      Map<String, ParameterValue> parameters =
          connector().experiment(FakeClearMl.RESNET).parameters();

      assertThat(parameters)
          .containsExactly(
              Map.entry("Args/lr", ParameterValue.of(new BigDecimal("0.001"))),
              Map.entry("Args/epochs", ParameterValue.of(new BigDecimal("20"))),
              Map.entry("Args/optimizer", ParameterValue.of("adam")),
              Map.entry("Args/pretrained", ParameterValue.of(true)),
              Map.entry("Args/run_tag", ParameterValue.of("42")),
              Map.entry("General/seed", ParameterValue.of(new BigDecimal("1337"))));
    }

    @Test
    void shouldResolveOwnerAndProjectNamesAndLinkToTheWebApp() {
      Experiment experiment = connector().experiment(FakeClearMl.RESNET);

      assertThat(experiment.owner()).isEqualTo("Ada Lovelace");
      assertThat(experiment.project()).isEqualTo(new ProjectRef(FakeClearMl.VISION, "Vision"));
      assertThat(experiment.created()).isEqualTo(Instant.parse("2024-05-01T10:00:00.123Z"));
      assertThat(experiment.frameworks()).containsExactly("PyTorch");
      assertThat(experiment.webUrl())
          .isEqualTo(
              URI.create(
                  "https://app.example.test/projects/"
                      + FakeClearMl.VISION
                      + "/experiments/"
                      + FakeClearMl.RESNET));
    }

    @Test
    void shouldDrawEveryMetricWithItsVariants() {
      List<PlotlyFigure> scalars = connector().experiment(FakeClearMl.RESNET).scalars();

      assertThat(scalars).extracting(PlotlyFigure::title).containsExactly("loss", "accuracy");
      assertThat(scalars.get(0).series())
          .extracting(s -> s.name(), s -> s.y())
          .containsExactly(
              tuple("train", List.of(1.42, 0.61, 0.21)),
              tuple("validation", List.of(1.5, 0.72, 0.35)));
    }

    @Test
    void shouldKeepTheLatestOfEachPlotAndSkipUnreadableOnes() {
      List<Plot> plots = connector().experiment(FakeClearMl.RESNET).plots();

      assertThat(plots)
          .extracting(Plot::title)
          .containsExactly("confusion / validation", "roc / validation");
      assertThat(plots.get(0).plotlyJson()).contains("[[48, 2], [3, 47]]");
    }

    @Test
    void shouldListOutputModelsAndStoredArtifacts() {
      List<Artifact> artifacts = connector().experiment(FakeClearMl.RESNET).artifacts();

      assertThat(artifacts)
          .containsExactly(
              new Artifact(
                  "model",
                  "resnet50_best",
                  "https://files.clear.ml/Vision/resnet50%20baseline.e1f0c3a4/models/resnet50_best.pt",
                  "PyTorch",
                  null),
              new Artifact(
                  "pandas",
                  "confusion.csv",
                  "https://files.clear.ml/Vision/resnet50%20baseline.e1f0c3a4/artifacts/confusion.csv/confusion.csv.gz",
                  null,
                  2048L));
    }

    @Test
    void shouldTranslateAServerErrorToRetryableUnavailable() {
      assertThatThrownBy(() -> connector().experiment(FakeClearMl.BROKEN_TASK))
          .isInstanceOfSatisfying(
              PlatformException.class,
              e -> {
                assertThat(e.errorCode()).isEqualTo(PlatformErrors.UNAVAILABLE);
                assertThat(e.retryable()).isTrue();
                assertThat(e.getMessage()).contains("500/0").doesNotContain("Traceback");
              });
    }

    @Test
    void shouldLeaveOutPlotsThatFailOnTheirOwnButFailOnRefusedCredentials() {
      Experiment experiment = connector().experiment(FakeClearMl.FAILING_PLOTS_TASK);

      assertSoftly(
          softly -> {
            softly.assertThat(experiment.plots()).isEmpty();
            softly
                .assertThat(experiment.scalars())
                .extracting(PlotlyFigure::title)
                .containsExactly("loss", "accuracy");
            softly.assertThat(experiment.parameters()).containsKey("Args/lr");
            softly.assertThat(experiment.tags()).contains("baseline");
            softly
                .assertThat(experiment.artifacts())
                .extracting(Artifact::name)
                .contains("confusion.csv");
            softly
                .assertThatThrownBy(() -> connector().experiment(FakeClearMl.FLAKY_PLOTS_TASK))
                .describedAs(
                    "a failure worth retrying fails the whole read, never cached as complete")
                .isInstanceOfSatisfying(
                    PlatformException.class, e -> assertThat(e.retryable()).isTrue());
            softly
                .assertThatThrownBy(() -> connector().experiment(FakeClearMl.DENIED_PLOTS_TASK))
                .isInstanceOfSatisfying(
                    PlatformException.class,
                    e -> assertThat(e.errorCode()).isEqualTo(PlatformErrors.UNAUTHORIZED_REMOTE));
          });
    }

    @Test
    void shouldTimeOutOnASlowAnswerWhileOtherCallsGoOn() {
      try (ExperimentConnector impatient = create(clearMl.apiUrl(), Duration.ofSeconds(1))) {
        assertThatThrownBy(() -> impatient.experiment(FakeClearMl.SLOW_TASK))
            .isInstanceOfSatisfying(
                PlatformException.class,
                e -> assertThat(e.errorCode()).isEqualTo(PlatformErrors.TIMEOUT));

        assertThat(impatient.experiment(FakeClearMl.VIT).name()).isEqualTo("vit-b16 finetune");
      }
    }
  }

  @Nested
  class WhenSigningIn {

    @Test
    void shouldSignInAgainWhenTheTokenExpired() {
      connector().experiment(FakeClearMl.RESNET);
      int logins = clearMl.logins();
      clearMl.expireTokens();

      assertThat(connector().experiment(FakeClearMl.RESNET).id()).isEqualTo(FakeClearMl.RESNET);
      assertThat(clearMl.logins()).isEqualTo(logins + 1);
    }

    @Test
    void shouldReportWrongCredentialsAsNotRetryable() {
      Map<String, String> config = FakeClearMl.config(clearMl.apiUrl(), Duration.ofSeconds(5));
      config.put(ClearMlExperimentConnectorFactory.SECRET_KEY, "wrong-secret-8a7b6c");
      ClearMlExperimentConnectorFactory factory = new ClearMlExperimentConnectorFactory();

      try (ExperimentConnector wrong =
          factory.create(ConnectorConfig.of(factory.configSchema(), config), context())) {
        assertThat(wrong.checkConnection())
            .satisfies(
                check -> {
                  assertThat(check.ok()).isFalse();
                  assertThat(check.retryable()).isFalse();
                  assertThat(check.detail()).doesNotContain("wrong-secret-8a7b6c");
                });
        assertThatThrownBy(() -> wrong.experiment(FakeClearMl.RESNET))
            .isInstanceOfSatisfying(
                PlatformException.class,
                e -> assertThat(e.errorCode()).isEqualTo(PlatformErrors.UNAUTHORIZED_REMOTE));
      }
    }

    @Test
    void shouldSendTheSecretOnlyToSignIn() {
      clearMl.http().clearRequests();

      connector().experiment(FakeClearMl.RESNET);

      assertThat(clearMl.http().requests())
          .filteredOn(r -> !r.path().equals("/auth.login"))
          .allSatisfy(r -> assertThat(r.header("Authorization").orElse("")).startsWith("Bearer "));
    }
  }

  @Nested
  class WhenSearching {

    @Test
    void shouldAskForANameTagsAndThePageNewestFirst() throws Exception {
      clearMl.http().clearRequests();

      connector()
          .searchExperiments(
              SearchCriteria.firstPage(2).withText("resnet50 (base").withTags(List.of("baseline")));

      String body = clearMl.http().requests("/tasks.get_all").get(0).body();
      JsonNode sent = new ObjectMapper().readTree(body);
      assertThat(sent.path("name").asText()).isEqualTo("(?i)resnet50\\ \\(base");
      assertThat(sent.path("tags").toString()).isEqualTo("[\"__$all\",\"baseline\"]");
      assertThat(sent.path("system_tags").toString())
          .isEqualTo("[\"__$not\",\"archived\",\"__$not\",\"dataset\"]");
      assertThat(sent.path("order_by").toString()).isEqualTo("[\"-created\"]");
      assertThat(sent.path("page").asInt()).isZero();
      assertThat(sent.path("page_size").asInt()).isEqualTo(2);
    }

    @Test
    void shouldFindByNameTextAndTags() {
      List<ExperimentSummary> found =
          connector()
              .searchExperiments(
                  SearchCriteria.firstPage(10).withText("NET").withTags(List.of("baseline")))
              .items();

      assertThat(found)
          .extracting(ExperimentSummary::id)
          .containsExactly(FakeClearMl.RESNET, FakeClearMl.EFFNET);
    }

    @Test
    void shouldHideArchivedTasksAndDatasets() {
      assertThat(connector().searchExperiments(SearchCriteria.firstPage(100)).items())
          .extracting(ExperimentSummary::name)
          .containsExactly("vit-b16 finetune", "resnet50 baseline", "efficientnet-b0");
    }

    @Test
    void shouldLimitSearchesToTheConfiguredProjects() {
      Map<String, String> config = FakeClearMl.config(clearMl.apiUrl(), Duration.ofSeconds(5));
      config.put(ClearMlExperimentConnectorFactory.PROJECTS, "some-other-project");
      ClearMlExperimentConnectorFactory factory = new ClearMlExperimentConnectorFactory();

      try (ExperimentConnector limited =
          factory.create(ConnectorConfig.of(factory.configSchema(), config), context())) {
        assertThat(limited.searchExperiments(SearchCriteria.firstPage()).items()).isEmpty();
        assertThat(
                limited
                    .searchExperiments(SearchCriteria.firstPage().inProject(FakeClearMl.VISION))
                    .items())
            .isEmpty();
        assertThat(limited.experiment(FakeClearMl.RESNET).id()).isEqualTo(FakeClearMl.RESNET);
      }
    }
  }

  @Nested
  class WhenTheServerIsOlder {

    @Test
    void shouldLeaveOutArchivedDatasetsAndTasksThoughTermsAreOredByDefault() {
      try (FakeClearMl older = FakeClearMl.startOlder();
          ExperimentConnector connector = create(older.apiUrl(), Duration.ofSeconds(5))) {
        assertSoftly(
            softly -> {
              softly
                  .assertThat(connector.searchDatasets(SearchCriteria.firstPage(100)).items())
                  .extracting(Dataset::id)
                  .containsExactly(FakeClearMl.DATASET);
              softly
                  .assertThat(connector.searchExperiments(SearchCriteria.firstPage(100)).items())
                  .extracting(ExperimentSummary::name)
                  .containsExactly("vit-b16 finetune", "resnet50 baseline", "efficientnet-b0");
            });
      }
    }
  }

  @Nested
  class WhenReadingADataset {

    @Test
    void shouldReadVersionFilesAndTheVisibleProject() {
      Dataset dataset = connector().dataset(FakeClearMl.DATASET);

      assertThat(dataset.version()).isEqualTo("1.0.2");
      assertThat(dataset.tags()).containsExactly("images", "v2");
      assertThat(dataset.project().name()).isEqualTo("Vision");
      assertThat(dataset.files())
          .isEqualTo(
              new FileSummary(
                  3, 49213, List.of("images/cat_001.png", "images/cat_002.png", "labels.csv")));
      assertThat(dataset.artifacts()).extracting(Artifact::name).containsExactly("state", "data");
      assertThat(dataset.webUrl().toString())
          .isEqualTo(
              "https://app.example.test/datasets/simple/f0e1d2c3b4a5469788796a5b4c3d2e1f/experiments/"
                  + FakeClearMl.DATASET);
    }
  }
}
