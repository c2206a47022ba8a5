package dev.bent.emit;

import dev.bent.ir.PemFile;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The emitted files of one node: relative path to bytes, sorted by path. Paths use '/' and never
 * leave the node directory.
 *
 * <p>{@code pemFiles} are the certificate and key files copied into the node's generation with
 * mesh TLS. They are kept apart from {@code files}: they are written, but golden files and
 * comparisons hold only the configuration, never key material.
 *
 * <p>{@code contentKeys} holds, for some of {@code files}, a SHA-256 that their bytes follow from
 * (equal keys, equal bytes), known from emitting them; the writer names a generation by these
 * instead of hashing every byte again.
 */
public record NodeFiles(
    String node,
    SortedMap<String, byte[]> files,
    SortedMap<String, PemFile> pemFiles,
    SortedMap<String, byte[]> contentKeys) {
  public static final String BOOTSTRAP = "bootstrap.yaml";

  public NodeFiles {
    files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
    pemFiles = Collections.unmodifiableSortedMap(new TreeMap<>(pemFiles));
    contentKeys = Collections.unmodifiableSortedMap(new TreeMap<>(contentKeys));
    if (!files.keySet().containsAll(contentKeys.keySet())) {
      throw new IllegalArgumentException("content keys of files that are not there: " + contentKeys.keySet());
    }
  }

  /** A node with PEM files and no content keys. */
  public NodeFiles(String node, SortedMap<String, byte[]> files, SortedMap<String, PemFile> pemFiles) {
    this(node, files, pemFiles, new TreeMap<>());
  }

  /** A node without PEM files. */
  public NodeFiles(String node, SortedMap<String, byte[]> files) {
    this(node, files, new TreeMap<>());
  }

  /** Every file of the generation: the configuration and the PEM files. */
  public SortedMap<String, byte[]> generationFiles() {
    SortedMap<String, byte[]> all = new TreeMap<>(files);
    pemFiles.forEach((path, pem) -> all.put(path, pem.bytes()));
    return all;
  }
}
