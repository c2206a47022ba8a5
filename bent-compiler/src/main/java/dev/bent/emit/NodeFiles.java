package dev.bent.emit;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The emitted files of one node: relative path to bytes, sorted by path. Paths use '/' and never
 * leave the node directory.
 */
public record NodeFiles(String node, SortedMap<String, byte[]> files) {
  public static final String BOOTSTRAP = "bootstrap.yaml";

  public NodeFiles {
    files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
  }
}
