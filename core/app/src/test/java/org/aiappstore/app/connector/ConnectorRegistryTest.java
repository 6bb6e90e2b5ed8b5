package org.aiappstore.app.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.aiappstore.app.plugin.ConnectorCatalog;
import org.aiappstore.app.testing.MutableClock;
import org.aiappstore.plugin.api.ConnectionCheck;
import org.aiappstore.plugin.api.Connector;
import org.aiappstore.plugin.api.ConnectorContext;
import org.aiappstore.plugin.api.ConnectorDescriptor;
import org.aiappstore.plugin.api.ConnectorFactory;
import org.aiappstore.plugin.api.config.ConfigProperty;
import org.aiappstore.plugin.api.config.ConfigSchema;
import org.aiappstore.plugin.api.config.ConfigViolation;
import org.aiappstore.plugin.api.config.ConnectorConfig;
import org.aiappstore.plugin.api.data.DataCapability;
import org.aiappstore.plugin.api.error.InvalidConfigException;
import org.aiappstore.plugin.api.error.PlatformException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ConnectorRegistryTest {

  private static final Instant CREATED = Instant.parse("2026-11-01T10:00:00Z");

  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final InstanceMap store = new InstanceMap();
  private final List<CountingConnector> created = new CopyOnWriteArrayList<>();
  private volatile Runnable whileBuilding = () -> {};
  private final ConnectorRegistry registry = registry();

  /** A registry over the shared store whose factory makes counting connectors. */
  private ConnectorRegistry registry() {
    ConnectorRegistry registry = new ConnectorRegistry();
    registry.store = store;
    registry.catalog = new CountingFactory().catalog();
    registry.calls =
        new GuardedCalls(threads, new MutableClock(), (connector, plugin, nanos, failed) -> {});
    registry.closer = Runnable::run;
    return registry;
  }

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  @Test
  void shouldCreateOneConnectorWhenManyThreadsAskForANewInstanceAtOnce() throws Exception {
    store.put(instance(CREATED, 1));
    CountDownLatch start = new CountDownLatch(1);
    List<Future<ConnectionCheck>> checks = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      checks.add(
          threads.submit(
              () -> {
                start.await();
                return registry.check("minio");
              }));
    }
    start.countDown();
    for (Future<ConnectionCheck> check : checks) {
      assertThat(check.get(10, TimeUnit.SECONDS).ok()).isTrue();
    }

    assertThat(created).hasSize(1);
    assertThat(created.get(0).closed).isFalse();
  }

  @Test
  void shouldReplaceAndCloseTheConnectorWhenItsSettingsChange() {
    store.put(instance(CREATED, 1));
    registry.check("minio");
    store.put(instance(CREATED, 2, "http://other:9000"));

    assertThat(registry.check("minio").detail()).isEqualTo("connector 2");
    assertThat(created).hasSize(2);
    assertThat(created.get(0).closed).isTrue();
    assertThat(created.get(1).closed).isFalse();
  }

  @Test
  void shouldKeepTheNewerConnectorWhenAskedWithAnInstanceReadBeforeAChange() {
    store.put(instance(CREATED, 2, "http://other:9000"));
    registry.check("minio");
    store.put(instance(CREATED, 1)); // what a request that read before the change still holds

    assertThat(registry.check("minio").detail()).isEqualTo("connector 1");
    assertThat(created).hasSize(1);
    assertThat(created.get(0).closed).isFalse();
  }

  @Test
  void shouldReplaceTheConnectorOfADeletedInstanceCreatedAgainUnderTheSameId() {
    store.put(instance(CREATED, 3));
    registry.check("minio");
    store.put(instance(CREATED.plusSeconds(60), 1, "http://other:9000"));

    assertThat(registry.check("minio").detail()).isEqualTo("connector 2");
    assertThat(created.get(0).closed).isTrue();
  }

  @Nested
  class WhenACallIsInFlight {

    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    private Future<ConnectionCheck> blockedCall() throws InterruptedException {
      store.put(instance(CREATED, 1));
      registry.check("minio");
      created.get(0).blockNextCall(started, release);
      Future<ConnectionCheck> call = threads.submit(() -> registry.check("minio"));
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
      return call;
    }

    @Test
    void shouldKeepServingTheSameConnectorWhenOnlyTheDisplayNameChanges() throws Exception {
      Future<ConnectionCheck> call = blockedCall();
      store.put(instance(CREATED, 2, ENDPOINT, "MinIO (eu)"));

      ConnectionCheck other =
          threads.submit(() -> registry.check("minio")).get(10, TimeUnit.SECONDS);
      release.countDown();

      assertSoftly(
          softly -> {
            softly.assertThat(other.detail()).isEqualTo("connector 1");
            softly.assertThat(created).hasSize(1);
            softly.assertThat(created.get(0).closed).isFalse();
          });
      assertThat(call.get(10, TimeUnit.SECONDS).detail()).isEqualTo("connector 1");
    }

    @Test
    void shouldCloseTheReplacedConnectorOnlyOnceTheCallReturns() throws Exception {
      Future<ConnectionCheck> call = blockedCall();
      store.put(instance(CREATED, 2, "http://other:9000"));

      assertThat(registry.check("minio").detail()).isEqualTo("connector 2");
      assertThat(created.get(0).closed).isFalse();

      release.countDown();
      assertThat(call.get(10, TimeUnit.SECONDS).ok()).isTrue();
      assertThat(created.get(0).closed).isTrue();
    }
  }

  @Test
  void shouldCloseTheConnectorOfAnInstanceDeletedThroughAnotherReplica() {
    ConnectorRegistry other = registry();
    store.put(instance(CREATED, 1));
    registry.check("minio");
    other.check("minio");

    store.delete("minio");
    other.evict("minio");

    assertThatThrownBy(() -> registry.check("minio"))
        .isInstanceOfSatisfying(
            PlatformException.class, e -> assertThat(e.errorCode().httpStatus()).isEqualTo(404));
    assertThat(created).allSatisfy(c -> assertThat(c.closed).isTrue());
  }

  @Test
  void shouldNotKeepAConnectorBuiltForAnInstanceDeletedMeanwhile() {
    store.put(instance(CREATED, 1));
    whileBuilding = () -> store.delete("minio");

    assertThatThrownBy(() -> registry.check("minio")).isInstanceOf(PlatformException.class);
    assertThat(created).singleElement().satisfies(c -> assertThat(c.closed).isTrue());
  }

  @Test
  void shouldAnswer503WhenTheStoredSettingsNoLongerSatisfyTheFactory() {
    store.put(instance(CREATED, 1, CountingFactory.REJECTED));

    assertThatThrownBy(() -> registry.check("minio"))
        .isInstanceOfSatisfying(
            PlatformException.class,
            e -> {
              assertThat(e.errorCode().httpStatus()).isEqualTo(503);
              assertThat(e.getMessage()).contains("misconfigured");
            });
  }

  private static final String ENDPOINT = "http://minio:9000";

  private static ConnectorInstance instance(Instant createdAt, long version) {
    return instance(createdAt, version, ENDPOINT);
  }

  private static ConnectorInstance instance(Instant createdAt, long version, String endpoint) {
    return instance(createdAt, version, endpoint, "MinIO");
  }

  private static ConnectorInstance instance(
      Instant createdAt, long version, String endpoint, String displayName) {
    return new ConnectorInstance(
        "minio",
        "data-connector",
        CountingFactory.ID,
        displayName,
        Map.of("endpoint", endpoint),
        ConnectorInstance.Source.DATABASE,
        createdAt,
        createdAt,
        version);
  }

  /** Makes counting connectors, slowly enough that racing threads all see none yet. */
  private final class CountingFactory implements ConnectorFactory<Connector, DataCapability> {
    static final String ID = "counting";
    static final String REJECTED = "relative/path";

    @Override
    public ConnectorDescriptor descriptor() {
      return new ConnectorDescriptor(ID, "Counting", "For tests", null);
    }

    @Override
    public ConfigSchema configSchema() {
      return ConfigSchema.of(ConfigProperty.string("endpoint").required().build());
    }

    @Override
    public Set<DataCapability> capabilities() {
      return Set.of();
    }

    @Override
    public Connector create(ConnectorConfig config, ConnectorContext context) {
      if (config.string("endpoint").equals(REJECTED)) {
        throw new InvalidConfigException(
            List.of(new ConfigViolation("endpoint", "must be absolute")));
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      whileBuilding.run();
      synchronized (created) {
        CountingConnector connector = new CountingConnector(created.size() + 1);
        created.add(connector);
        return connector;
      }
    }

    ConnectorCatalog catalog() {
      ConnectorCatalog.Entry entry = new ConnectorCatalog.Entry("data-connector", this, "test");
      return new ConnectorCatalog() {
        @Override
        public List<Entry> all() {
          return List.of(entry);
        }
      };
    }
  }

  private static final class CountingConnector implements Connector {
    private final int number;
    private volatile boolean closed;
    private volatile CountDownLatch started;
    private volatile CountDownLatch release;

    CountingConnector(int number) {
      this.number = number;
    }

    /** The next check signals {@code started} and waits for {@code release}. */
    void blockNextCall(CountDownLatch started, CountDownLatch release) {
      this.release = release;
      this.started = started;
    }

    @Override
    public ConnectionCheck checkConnection() {
      CountDownLatch waitFor = release;
      if (waitFor != null) {
        release = null;
        started.countDown();
        try {
          waitFor.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return closed
          ? ConnectionCheck.failed(false, "closed while in use", 0)
          : ConnectionCheck.ok("connector " + number, 0);
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  /** Only what the registry reads: the stored instance by id. */
  private static final class InstanceMap implements ConnectorInstanceStore {
    private final Map<String, ConnectorInstance> instances = new ConcurrentHashMap<>();

    void put(ConnectorInstance instance) {
      instances.put(instance.id(), instance);
    }

    @Override
    public List<ConnectorInstance> findAll() {
      return List.copyOf(instances.values());
    }

    @Override
    public Optional<ConnectorInstance> find(String id) {
      return Optional.ofNullable(instances.get(id));
    }

    @Override
    public boolean insert(ConnectorInstance instance) {
      return instances.putIfAbsent(instance.id(), instance) == null;
    }

    @Override
    public boolean replace(ConnectorInstance instance, long expectedVersion) {
      throw new UnsupportedOperationException("not used by the registry");
    }

    @Override
    public boolean delete(String id) {
      return instances.remove(id) != null;
    }

    @Override
    public Optional<String> activeDataConnector() {
      return Optional.empty();
    }

    @Override
    public void setActiveDataConnector(String id) {
      throw new UnsupportedOperationException("not used by the registry");
    }
  }
}
