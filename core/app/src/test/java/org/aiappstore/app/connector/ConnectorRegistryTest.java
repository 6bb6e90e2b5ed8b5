package org.aiappstore.app.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.aiappstore.app.testing.MutableClock;
import org.aiappstore.plugin.api.ConnectionCheck;
import org.aiappstore.plugin.api.Connector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConnectorRegistryTest {

  private static final Instant CREATED = Instant.parse("2026-11-01T10:00:00Z");

  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final InstanceMap store = new InstanceMap();
  private final List<CountingConnector> created = new CopyOnWriteArrayList<>();
  private final ConnectorRegistry registry = new CountingRegistry();

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
  void shouldReplaceAndCloseTheConnectorWhenTheInstanceChanges() {
    store.put(instance(CREATED, 1));
    registry.check("minio");
    store.put(instance(CREATED, 2));

    assertThat(registry.check("minio").detail()).isEqualTo("connector 2");
    assertThat(created).hasSize(2);
    assertThat(created.get(0).closed).isTrue();
    assertThat(created.get(1).closed).isFalse();
  }

  @Test
  void shouldKeepTheNewerConnectorWhenAskedWithAnInstanceReadBeforeAChange() {
    store.put(instance(CREATED, 2));
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
    store.put(instance(CREATED.plusSeconds(60), 1));

    assertThat(registry.check("minio").detail()).isEqualTo("connector 2");
    assertThat(created.get(0).closed).isTrue();
  }

  private static ConnectorInstance instance(Instant createdAt, long version) {
    return new ConnectorInstance(
        "minio",
        "data-connector",
        "s3",
        "MinIO",
        Map.of(),
        ConnectorInstance.Source.DATABASE,
        createdAt,
        createdAt,
        version);
  }

  /** Makes counting connectors, slowly enough that racing threads all see none yet. */
  private final class CountingRegistry extends ConnectorRegistry {
    CountingRegistry() {
      this.store = ConnectorRegistryTest.this.store;
      this.calls =
          new GuardedCalls(threads, new MutableClock(), (connector, plugin, nanos, failed) -> {});
    }

    @Override
    Connector create(ConnectorInstance instance) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      CountingConnector connector = new CountingConnector(created.size() + 1);
      created.add(connector);
      return connector;
    }
  }

  private static final class CountingConnector implements Connector {
    private final int number;
    private volatile boolean closed;

    CountingConnector(int number) {
      this.number = number;
    }

    @Override
    public ConnectionCheck checkConnection() {
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
    public void upsert(ConnectorInstance instance) {
      put(instance);
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
