package org.aiappstore.plugins.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PodProblemsTest {

  private static PodBuilder pod(String name) {
    return new PodBuilder().withNewMetadata().withName(name).endMetadata();
  }

  private static Pod crashing(String name) {
    return pod(name)
        .withNewStatus()
        .withPhase("Running")
        .addNewContainerStatus()
        .withName("app")
        .withNewState()
        .withNewWaiting()
        .withReason("CrashLoopBackOff")
        .endWaiting()
        .endState()
        .endContainerStatus()
        .endStatus()
        .build();
  }

  private static Pod evicted(String name) {
    return pod(name)
        .withNewStatus()
        .withPhase("Failed")
        .withReason("Evicted")
        .withMessage("The node was low on resource: memory.")
        .endStatus()
        .build();
  }

  private static Pod unschedulable(String name) {
    return pod(name)
        .withNewStatus()
        .withPhase("Pending")
        .addNewCondition()
        .withType("PodScheduled")
        .withStatus("False")
        .withReason("Unschedulable")
        .withMessage("0/3 nodes are available: 3 Insufficient nvidia.com/gpu.")
        .endCondition()
        .endStatus()
        .build();
  }

  @Nested
  class WhenJudgingFailure {

    @Test
    void shouldNotBlameAnEvictedPodItsControllerReplaced() {
      assertThat(PodProblems.failure(List.of(evicted("demo-a"), pod("demo-b").build()))).isEmpty();
    }

    @Test
    void shouldNotBlameAFinishedPod() {
      Pod succeeded = pod("demo-a").withNewStatus().withPhase("Succeeded").endStatus().build();

      assertThat(PodProblems.failure(List.of(succeeded))).isEmpty();
    }

    @Test
    void shouldNotBlameAPodBeingDeleted() {
      Pod deleting = crashing("demo-a");
      deleting.getMetadata().setDeletionTimestamp("2026-01-01T00:00:00Z");

      assertThat(PodProblems.failure(List.of(deleting))).isEmpty();
    }

    @Test
    void shouldStillBlameACurrentPodsContainer() {
      assertThat(PodProblems.failure(List.of(evicted("demo-a"), crashing("demo-b"))))
          .hasValueSatisfying(
              failure -> assertThat(failure).contains("demo-b").contains("CrashLoopBackOff"));
    }
  }

  @Nested
  class WhenJudgingScheduling {

    @Test
    void shouldIgnoreAnUnschedulablePodBeingDeleted() {
      Pod deleting = unschedulable("demo-a");
      deleting.getMetadata().setDeletionTimestamp("2026-01-01T00:00:00Z");

      assertThat(PodProblems.unschedulable(List.of(deleting))).isEmpty();
      assertThat(PodProblems.unschedulable(List.of(unschedulable("demo-b"))))
          .hasValueSatisfying(reason -> assertThat(reason).contains("nvidia.com/gpu"));
    }
  }
}
