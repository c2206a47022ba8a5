package dev.bent;

import dev.bent.emit.ItemCache;

/**
 * What a compile may take from the compile before it in the same process: a watch keeps one and
 * hands it to every compile, so that a change costs about what it changes.
 *
 * <p>Everything in it is keyed by value (an equal resource, not the same object), so a result is
 * reused only where it cannot differ; what a compile does not use is dropped after it. Not
 * thread-safe: one compile at a time.
 */
public final class CompileMemo {
  final ItemCache items = new ItemCache();

  /** Creates an empty memo. */
  public CompileMemo() {}

  /** Called after each compile, successful or not. */
  void compileDone() {
    items.compileDone();
  }
}
