package org.aiappstore.plugin.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.nio.file.Path;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ConnectorContextTest {

  @Test
  void shouldOfferDefaultsForEveryService() {
    ConnectorContext context = ConnectorContext.defaults();

    assertSoftly(
        s -> {
          s.assertThat(context.clock().getZone()).isEqualTo(ZoneOffset.UTC);
          s.assertThat(context.httpClient()).isNotNull();
          s.assertThat(context.apiVersion()).isEqualTo(PluginApi.VERSION);
          s.assertThat(context.workDirectory())
              .isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
          s.assertThat(context.service(Runnable.class)).isEmpty();
        });
  }

  @Test
  void shouldLetAFakeOverrideOneService() {
    Runnable task = () -> {};
    ConnectorContext context =
        new ConnectorContext() {
          @Override
          public <T> java.util.Optional<T> service(Class<T> type) {
            return type == Runnable.class
                ? java.util.Optional.of(type.cast(task))
                : java.util.Optional.empty();
          }
        };

    assertThat(context.service(Runnable.class)).containsSame(task);
  }
}
