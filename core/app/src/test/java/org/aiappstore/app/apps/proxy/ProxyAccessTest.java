package org.aiappstore.app.apps.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.aiappstore.app.apps.App;
import org.aiappstore.app.apps.TestApps;
import org.aiappstore.app.identity.security.Caller;
import org.aiappstore.app.problem.ProblemException;
import org.aiappstore.app.testing.MutableClock;
import org.junit.jupiter.api.Test;

class ProxyAccessTest {

  private static final App APP =
      TestApps.app("a1").card("c1").backend("b1").image("img").url("http://h/").build();
  private static final Caller ALICE =
      new Caller("alice", "alice", Set.of("user"), Caller.Credential.session("s-1"), null);

  private final MutableClock clock = new MutableClock();
  private final AtomicBoolean allowed = new AtomicBoolean(true);
  private final AtomicInteger asked = new AtomicInteger();
  private final ProxyAccess access =
      new ProxyAccess(
          (caller, id) -> {
            asked.incrementAndGet();
            if (!allowed.get()) {
              throw new ProblemException(404, "APP_NOT_FOUND", "No app");
            }
            return APP;
          },
          clock);

  @Test
  void shouldStopServingWithinTheTtlOnceTheRuleRefuses() {
    assertThat(access.app(ALICE, "a1")).isEqualTo(APP);
    allowed.set(false);
    assertThat(access.app(ALICE, "a1")).isEqualTo(APP);
    assertThat(asked).hasValue(1);

    clock.advance(ProxyAccess.TTL);

    assertThatThrownBy(() -> access.app(ALICE, "a1"))
        .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
  }

  @Test
  void shouldDecideForEachCallerSeparatelyAndNeverRememberARefusal() {
    allowed.set(false);
    assertThatThrownBy(() -> access.app(null, "a1")).isInstanceOf(ProblemException.class);
    allowed.set(true);

    assertThat(access.app(null, "a1")).isEqualTo(APP);
    assertThat(access.app(ALICE, "a1")).isEqualTo(APP);
    assertThat(asked).hasValue(3);
  }
}
