package org.aiappstore.plugin.tck.experiment;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.aiappstore.plugin.api.ConnectionCheck;
import org.aiappstore.plugin.api.ConnectorContext;
import org.aiappstore.plugin.api.ConnectorDescriptor;
import org.aiappstore.plugin.api.config.ConfigProperty;
import org.aiappstore.plugin.api.config.ConfigSchema;
import org.aiappstore.plugin.api.config.ConnectorConfig;
import org.aiappstore.plugin.api.error.PlatformErrors;
import org.aiappstore.plugin.api.error.PlatformException;
import org.aiappstore.plugin.api.experiment.Artifact;
import org.aiappstore.plugin.api.experiment.Dataset;
import org.aiappstore.plugin.api.experiment.Experiment;
import org.aiappstore.plugin.api.experiment.ExperimentCapability;
import org.aiappstore.plugin.api.experiment.ExperimentConnector;
import org.aiappstore.plugin.api.experiment.ExperimentConnectorFactory;
import org.aiappstore.plugin.api.experiment.ExperimentStatus;
import org.aiappstore.plugin.api.experiment.ExperimentSummary;
import org.aiappstore.plugin.api.experiment.FileSummary;
import org.aiappstore.plugin.api.experiment.MetricValue;
import org.aiappstore.plugin.api.experiment.ParameterValue;
import org.aiappstore.plugin.api.experiment.Plot;
import org.aiappstore.plugin.api.experiment.PlotlyFigure;
import org.aiappstore.plugin.api.experiment.PlotlySeries;
import org.aiappstore.plugin.api.experiment.ProjectRef;
import org.aiappstore.plugin.api.experiment.ResultPage;
import org.aiappstore.plugin.api.experiment.SearchCriteria;

/**
 * An experiment connector for the contract's self-test: experiments held in memory, every call
 * first asking {@code GET {url}/ping} so that unreachable and silent trackers behave as with a real
 * tracker. It can declare fewer capabilities, and can break its scalars on purpose.
 */
class TestingExperimentConnectorFactory implements ExperimentConnectorFactory {

  static final String URL = "url";
  static final String TIMEOUT_MILLIS = "requestTimeoutMillis";
  static final String TOKEN = "token";
  static final ProjectRef PROJECT = new ProjectRef("p1", "Vision");

  private final Set<ExperimentCapability> capabilities;
  private final boolean brokenScalars;

  TestingExperimentConnectorFactory(Set<ExperimentCapability> capabilities, boolean brokenScalars) {
    this.capabilities = Set.copyOf(capabilities);
    this.brokenScalars = brokenScalars;
  }

  @Override
  public ConnectorDescriptor descriptor() {
    return new ConnectorDescriptor("testing-tracker", "Testing tracker", "In memory", null);
  }

  @Override
  public ConfigSchema configSchema() {
    return ConfigSchema.of(
        ConfigProperty.uri(URL).label("URL").required().build(),
        ConfigProperty.integer(TIMEOUT_MILLIS).label("Timeout (ms)").defaultValue(5000).build(),
        ConfigProperty.secret(TOKEN).label("Token").required().build());
  }

  @Override
  public Set<ExperimentCapability> capabilities() {
    return capabilities;
  }

  @Override
  public ExperimentConnector create(ConnectorConfig config, ConnectorContext context) {
    return new Connector(
        config.uri(URL), Duration.ofMillis(config.integer(TIMEOUT_MILLIS)), context.httpClient());
  }

  private final class Connector implements ExperimentConnector {
    private final URI url;
    private final Duration timeout;
    private final HttpClient http;
    private final Map<String, Experiment> experiments = new ConcurrentHashMap<>();

    Connector(URI url, Duration timeout, HttpClient http) {
      this.url = url;
      this.timeout = timeout;
      this.http = http;
      add("e1", "resnet50", Instant.parse("2024-05-01T10:00:00Z"));
      add("e2", "vit", Instant.parse("2024-05-03T10:00:00Z"));
      add("e3", "effnet", Instant.parse("2024-04-20T10:00:00Z"));
    }

    @Override
    public ConnectionCheck checkConnection() {
      return ConnectionCheck.timed(
          () -> {
            ping();
            return "pong";
          });
    }

    @Override
    public Experiment experiment(String id) {
      ping();
      Experiment experiment = experiments.get(id);
      if (experiment == null) {
        throw new PlatformException(PlatformErrors.EXPERIMENT_NOT_FOUND, "No experiment " + id);
      }
      return experiment;
    }

    @Override
    public ResultPage<ExperimentSummary> searchExperiments(SearchCriteria criteria) {
      require(ExperimentCapability.SEARCH);
      ping();
      int offset;
      try {
        offset = criteria.cursor() == null ? 0 : Integer.parseInt(criteria.cursor());
      } catch (NumberFormatException e) {
        throw PlatformException.invalidArgument("Not a cursor");
      }
      List<ExperimentSummary> all =
          experiments.values().stream()
              .filter(
                  e -> criteria.project() == null || e.project().id().equals(criteria.project()))
              .map(Experiment::summary)
              .sorted(Comparator.comparing(ExperimentSummary::created).reversed())
              .toList();
      List<ExperimentSummary> page = all.stream().skip(offset).limit(criteria.pageSize()).toList();
      int next = offset + page.size();
      return new ResultPage<>(page, next < all.size() ? Integer.toString(next) : null);
    }

    @Override
    public Dataset dataset(String id) {
      require(ExperimentCapability.DATASETS);
      ping();
      if (!id.equals("d1")) {
        throw new PlatformException(PlatformErrors.DATASET_NOT_FOUND, "No dataset " + id);
      }
      return new Dataset(
          "d1",
          "cats",
          PROJECT,
          "1.0",
          List.of(),
          new FileSummary(1, 10, List.of("a.png")),
          List.of(),
          URI.create("https://tracker.test/datasets/d1"));
    }

    @Override
    public ResultPage<Dataset> searchDatasets(SearchCriteria criteria) {
      require(ExperimentCapability.DATASETS);
      return ResultPage.last(List.of(dataset("d1")));
    }

    @Override
    public String cloneExperiment(String id, String newName) {
      require(ExperimentCapability.CLONE);
      Experiment original = experiment(id);
      String newId = "clone-" + experiments.size();
      experiments.put(
          newId,
          Experiment.builder(newId, newName, original.project())
              .status(ExperimentStatus.CREATED)
              .created(Instant.now())
              .webUrl(original.webUrl())
              .build());
      return newId;
    }

    private void add(String id, String name, Instant created) {
      boolean scalars = capabilities.contains(ExperimentCapability.SCALARS) && !brokenScalars;
      experiments.put(
          id,
          Experiment.builder(id, name, PROJECT)
              .owner("ada")
              .status(ExperimentStatus.COMPLETED)
              .created(created)
              .tags(List.of("baseline"))
              .parameters(Map.of("lr", ParameterValue.of(new BigDecimal("0.001"))))
              .latestMetrics(List.of(new MetricValue("loss", "train", 0.2)))
              .scalars(
                  scalars
                      ? List.of(
                          new PlotlyFigure(
                              "loss",
                              "Iteration",
                              "Value",
                              List.of(
                                  new PlotlySeries("train", List.of(0.0, 1.0), List.of(0.9, 0.2)))))
                      : List.of())
              .plots(
                  capabilities.contains(ExperimentCapability.PLOTS)
                      ? List.of(new Plot("roc / val", "{\"data\":[]}"))
                      : List.of())
              .artifacts(
                  capabilities.contains(ExperimentCapability.ARTIFACTS)
                      ? List.of(new Artifact("model", "model.pt", null, "PyTorch", 12L))
                      : new ArrayList<>())
              .webUrl(URI.create("https://tracker.test/e/" + id))
              .build());
    }

    private void require(ExperimentCapability capability) {
      if (!capabilities.contains(capability)) {
        throw PlatformException.notSupported(capability + " not declared");
      }
    }

    private void ping() {
      try {
        HttpResponse<Void> response =
            http.send(
                HttpRequest.newBuilder(URI.create(url + "/ping")).timeout(timeout).build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 200) {
          throw new PlatformException(PlatformErrors.UNAVAILABLE, "Tracker failing", null, true);
        }
      } catch (HttpConnectTimeoutException e) {
        throw new PlatformException(PlatformErrors.UNAVAILABLE, "Tracker unreachable", e, true);
      } catch (HttpTimeoutException e) {
        throw new PlatformException(PlatformErrors.TIMEOUT, "Tracker too slow", e, true);
      } catch (IOException e) {
        throw new PlatformException(PlatformErrors.UNAVAILABLE, "Tracker unreachable", e, true);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PlatformException(PlatformErrors.UNAVAILABLE, "Interrupted", e, true);
      }
    }
  }
}
