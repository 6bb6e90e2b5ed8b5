package org.aiappstore.app.job;

/**
 * Fired (synchronously, on the job runner's thread) once the runner has stored the end of a job, in
 * any terminal state, for features that follow jobs such as webhooks.
 */
public record JobFinished(Job job) {}
