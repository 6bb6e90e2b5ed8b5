package org.aiappstore.app.connector;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Plugin calls run on the server's managed executor, so they carry the application's context. */
@ApplicationScoped
class GuardedCallsProducer {

  @Resource ManagedExecutorService executor;

  @Inject MetricsCallRecorder recorder;

  // A pseudo-scope: GuardedCalls needs no client proxy, and has no no-argument constructor for one.
  @Produces
  @Singleton
  GuardedCalls guardedCalls() {
    return new GuardedCalls(executor, Clock.systemUTC(), recorder);
  }
}
