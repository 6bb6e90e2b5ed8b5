package org.aiappstore.app.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.aiappstore.app.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobScratchTest {

  private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

  @TempDir Path directory;

  private final MutableClock clock = new MutableClock(NOW);

  @Test
  void shouldReplaceTheLeftoverOfAKilledAttemptOfTheSameJob() throws Exception {
    JobScratch scratch = new JobScratch(directory, clock);
    Path first = scratch.fileFor("export", "0b6c9f5e-1d2a-4c1e-9d7f-5b8e2a1c3d4f");
    Files.writeString(first, "half a bundle");

    Path again = scratch.fileFor("export", "0b6c9f5e-1d2a-4c1e-9d7f-5b8e2a1c3d4f");

    assertThat(again).isEqualTo(first).doesNotExist();
  }

  @Test
  void shouldSweepFilesOlderThanADayAndKeepOtherJobsRecentFiles() throws Exception {
    Path old = directory.resolve("import-old.zip");
    Path recent = directory.resolve("export-running.zip");
    Files.writeString(old, "left by a server killed yesterday");
    Files.writeString(recent, "another replica's job, still running");
    Files.setLastModifiedTime(old, FileTime.from(NOW.minus(Duration.ofHours(25))));
    Files.setLastModifiedTime(recent, FileTime.from(NOW.minus(Duration.ofHours(1))));

    new JobScratch(directory, clock).fileFor("export", "a1");

    assertThat(old).doesNotExist();
    assertThat(recent).hasContent("another replica's job, still running");
  }

  @Test
  void shouldRefuseAnIdThatCouldLeaveTheDirectory() {
    JobScratch scratch = new JobScratch(directory, clock);

    assertThatThrownBy(() -> scratch.fileFor("export", "../etc/passwd"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
