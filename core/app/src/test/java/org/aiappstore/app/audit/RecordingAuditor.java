package org.aiappstore.app.audit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An {@link Auditor} that keeps what it is asked to record, for tests of code that audits. */
public class RecordingAuditor extends Auditor {

  /** One record as the code under test gave it. */
  public record Entry(String actor, String action, String target, String outcome) {}

  private final List<Entry> entries = new CopyOnWriteArrayList<>();

  public List<Entry> entries() {
    return entries;
  }

  @Override
  public void record(String action, String target, String outcome, Integer status) {
    entries.add(new Entry(null, action, target, outcome));
  }

  @Override
  public void record(
      String actorId, String actor, String action, String target, String outcome, Integer status) {
    entries.add(new Entry(actor, action, target, outcome));
  }
}
