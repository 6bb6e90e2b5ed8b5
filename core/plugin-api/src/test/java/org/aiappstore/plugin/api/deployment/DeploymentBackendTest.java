package org.aiappstore.plugin.api.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.time.Instant;
import java.util.List;
import org.aiappstore.plugin.api.ConnectionCheck;
import org.aiappstore.plugin.api.error.PlatformErrors;
import org.aiappstore.plugin.api.error.PlatformException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class DeploymentBackendTest {

  private final DeploymentBackend legacy = () -> ConnectionCheck.ok("ok", 0);

  private final AppSpec spec = AppSpec.builder("id", "demo", "ghcr.io/a/b:1", 7860).build();

  private final LogListener ignoring =
      new LogListener() {
        @Override
        public void onLine(String pod, String container, String line, Instant timestamp) {}

        @Override
        public void onEnd() {}

        @Override
        public void onError(PlatformException error) {}
      };

  @Test
  void shouldRefuseEveryOperationABackendDoesNotImplement() {
    List<ThrowingCallable> calls =
        List.of(
            () -> legacy.preview(spec),
            () -> legacy.deploy(spec),
            () -> legacy.status("id"),
            () -> legacy.update(spec),
            () -> legacy.scale("id", 1),
            () -> legacy.restore(spec),
            () -> legacy.delete("id"),
            () -> legacy.logs("id", LogRequest.tail(1), ignoring),
            legacy::listManaged);

    assertSoftly(
        s ->
            calls.forEach(
                call ->
                    s.assertThatThrownBy(call)
                        .isInstanceOfSatisfying(
                            PlatformException.class,
                            e ->
                                assertThat(e.errorCode())
                                    .isEqualTo(PlatformErrors.NOT_SUPPORTED))));
  }

  @Test
  void shouldJoinRenderedDocumentsIntoOneStream() {
    RenderedManifests manifests =
        new RenderedManifests(
            List.of(
                new RenderedManifest("v1", "Secret", "demo-env", "kind: Secret"),
                new RenderedManifest("apps/v1", "Deployment", "demo", "kind: Deployment\n")));

    assertThat(manifests.yaml()).isEqualTo("---\nkind: Secret\n---\nkind: Deployment\n");
  }

  @Test
  void shouldDescribeStatusWithoutNulls() {
    AppStatus status =
        new AppStatus("id", "demo", AppPhase.PENDING, false, 1, 0, null, null, null, null);

    assertThat(status.message()).isEmpty();
    assertThat(status.events()).isEmpty();
    assertThat(status.pods()).isEmpty();
    assertThatThrownBy(
            () -> new AppStatus("id", "demo", AppPhase.RUNNING, true, -1, 0, "", null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new AppEvent(null, "Warning", "BackOff", "x", "Pod/p").warning()).isTrue();
  }
}
