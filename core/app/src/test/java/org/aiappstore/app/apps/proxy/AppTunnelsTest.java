package org.aiappstore.app.apps.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class AppTunnelsTest {

  @Test
  void shouldGiveOutNoMorePlacesThanTheLimitAndTakeBackReleasedOnes() {
    AppTunnels tunnels = new AppTunnels();

    assertThat(tunnels.reserve(2)).isTrue();
    assertThat(tunnels.reserve(2)).isTrue();
    assertThat(tunnels.reserve(2)).isFalse();
    tunnels.release();
    assertThat(tunnels.reserve(2)).isTrue();
    assertThat(tunnels.reserve(0)).isFalse();
  }

  @Test
  void shouldNotOvershootTheLimitWhenManyAskAtOnce() throws Exception {
    AppTunnels tunnels = new AppTunnels();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Boolean>> asks = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        asks.add(() -> tunnels.reserve(50));
      }
      long granted = 0;
      for (Future<Boolean> answer : pool.invokeAll(asks)) {
        granted += answer.get() ? 1 : 0;
      }
      assertThat(granted).isEqualTo(50);
    } finally {
      pool.shutdownNow();
    }
  }
}
