package org.aiappstore.plugins.experiment.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricHistoryTest {

  @Test
  void shouldKeepEveryPointWhileItHasRoom() {
    MetricHistory history = new MetricHistory(10);
    for (int step = 0; step < 10; step++) {
      history.add(step, 1000 + step, step / 10.0);
    }

    assertThat(history.points()).extracting(MetricHistory.Point::step).hasSize(10).startsWith(0L);
    assertThat(history.stride()).isEqualTo(1);
    assertThat(history.note()).isEmpty();
  }

  @Test
  void shouldThinEvenlyOverTheWholeHistoryAndKeepTheLastPoint() {
    MetricHistory history = new MetricHistory(10);
    for (int step = 0; step < 1003; step++) {
      history.add(step, step, step);
    }

    List<Long> steps = history.points().stream().map(MetricHistory.Point::step).toList();

    assertThat(history.stride()).isEqualTo(128);
    assertThat(history.received()).isEqualTo(1003);
    assertThat(steps)
        .containsExactly(0L, 128L, 256L, 384L, 512L, 640L, 768L, 896L, 1002L)
        .hasSizeLessThanOrEqualTo(11);
    assertThat(history.note()).isEqualTo("every 128th of 1,003 points, and the last");
  }

  @Test
  void shouldNotRepeatTheLastPointWhenItIsKeptAnyway() {
    MetricHistory history = new MetricHistory(4);
    for (int step = 0; step <= 8; step++) {
      history.add(step, step, step);
    }

    assertThat(history.points()).extracting(MetricHistory.Point::step).containsExactly(0L, 4L, 8L);
  }
}
