package org.aiappstore.app.job;

/** Thrown at a checkpoint once the job was cancelled, or taken over by another instance. */
public class JobCancelledException extends RuntimeException {

  public JobCancelledException(String message) {
    super(message);
  }
}
