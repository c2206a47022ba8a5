package dev.bent.write;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Told by {@link GenerationWriter} when a write reaches one of its numbered steps, just before
 * the step's change to the directory. None is installed in production; a test installs one to
 * fail a write or to hold it at an exact step.
 */
@FunctionalInterface
public interface WriteStepHook {
  /** Installed when no other is: does nothing. */
  WriteStepHook NONE = (directory, step) -> {};

  /**
   * A write into node directory {@code directory} is about to do step {@code step} (1, 3 to 7,
   * as numbered in {@link GenerationWriter}); throwing fails the write there.
   */
  void reached(Path directory, int step) throws IOException;
}
