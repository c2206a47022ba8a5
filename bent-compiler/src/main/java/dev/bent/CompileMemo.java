package dev.bent;

import com.google.protobuf.Message;
import dev.bent.emit.ItemCache;
import dev.bent.ir.KeptByValue;

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

  /**
   * The resources found to have no findings of their own field rules (kept as true): the same
   * holds for an equal resource wherever it lies, so an equal one is not walked again. A resource
   * with findings is not kept: it is checked, and reported, every time.
   */
  final KeptByValue<Message, Boolean> rulesClean = new KeptByValue<>();

  /** Creates an empty memo. */
  public CompileMemo() {}

  /** Called after each compile, successful or not. */
  void compileDone() {
    items.compileDone();
    rulesClean.compileDone();
  }
}
