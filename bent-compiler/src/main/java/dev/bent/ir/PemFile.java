package dev.bent.ir;

import java.util.Arrays;
import java.util.OptionalInt;

/**
 * The bytes of a PEM file that bent copies into a node's generation, and whether it is a private
 * key (written readable by its owner, or owner and group, only). {@code toString} never shows the
 * bytes.
 */
public record PemFile(byte[] bytes, boolean privateKey, OptionalInt owner, OptionalInt group) {
  public PemFile {
    bytes = bytes.clone();
  }

  /** A certificate file, or a key file whose owner and group are left to the writer's default. */
  public PemFile(byte[] bytes, boolean privateKey) {
    this(bytes, privateKey, OptionalInt.empty(), OptionalInt.empty());
  }

  /** This file, given to {@code owner} and {@code group} when written. */
  public PemFile ownedBy(OptionalInt owner, OptionalInt group) {
    return new PemFile(bytes, privateKey, owner, group);
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PemFile that && that.privateKey == privateKey && Arrays.equals(that.bytes, bytes)
        && that.owner.equals(owner) && that.group.equals(group);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes) * 31 + (privateKey ? 1 : 0);
  }

  @Override
  public String toString() {
    return privateKey ? "PemFile[private key, " + bytes.length + " bytes]" : "PemFile[" + bytes.length + " bytes]";
  }
}
