package dev.bent.emit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Resource items rendered once for many discovery files: their UTF-8 bytes, and the SHA-256 state
 * after reading them, which each file's {@code version_info} digest continues from a copy of.
 *
 * <p>Reasoning: on a large mesh every node's cluster file starts with the same egress clusters;
 * encoding and hashing them once, instead of once per node, removes most of the emit step's
 * per-node work.
 */
public final class RenderedItems {
  static final RenderedItems NONE = of(List.of());

  private final int count;
  private final byte[] utf8;
  private final MessageDigest state;

  private RenderedItems(int count, byte[] utf8, MessageDigest state) {
    this.count = count;
    this.utf8 = utf8;
    this.state = state;
  }

  /** The items, in order, as {@link YamlEmitter#resourceItem} rendered them. */
  public static RenderedItems of(List<String> items) {
    byte[] utf8 = String.join("", items).getBytes(StandardCharsets.UTF_8);
    MessageDigest state = sha256();
    state.update(utf8);
    return new RenderedItems(items.size(), utf8, state);
  }

  int count() {
    return count;
  }

  byte[] utf8() {
    return utf8;
  }

  /** A copy of the digest state after the items, ready for what follows them. */
  MessageDigest digestAfter() {
    try {
      return (MessageDigest) state.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("SHA-256 cannot be copied", e);
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
