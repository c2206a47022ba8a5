package dev.bent.emit;

import com.google.protobuf.Message;
import dev.bent.ir.KeptByValue;

/**
 * The text of resources emitted by one compile, kept for the next compile in the same process (a
 * watch), keyed by the resource's value: an equal resource gets the same text without rendering.
 *
 * <p>Reasoning: after one endpoint change, a watch of 1,000 nodes rebuilds every resource, and all
 * but one egress cluster and one node's own resources equal the last compile's; comparing
 * messages (their generated equals and hash code) costs a small part of rendering them. Entries
 * not used by a compile are dropped after it, so the cache holds about one compile's output. Not
 * thread-safe: one compile at a time.
 */
public final class ItemCache {
  private final KeptByValue<Message, String> items = new KeptByValue<>();
  private final KeptByValue<Message, byte[]> documents = new KeptByValue<>();

  /** Creates an empty cache. */
  public ItemCache() {}

  /** The resource item of {@code resource} ({@link YamlEmitter#resourceItem}). */
  String resourceItem(Message resource) {
    return items.get(resource, YamlEmitter::resourceItem);
  }

  /** The YAML document of {@code message} ({@link YamlEmitter#document}), for a bootstrap. */
  byte[] document(Message message) {
    return documents.get(message, YamlEmitter::document);
  }

  /** Ends a compile: what it did not use is forgotten. */
  public void compileDone() {
    items.compileDone();
    documents.compileDone();
  }
}
