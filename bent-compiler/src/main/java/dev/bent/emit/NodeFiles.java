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
  public static final String LDS = "lds.yaml";
  public static final String CDS = "cds.yaml";
  public static final String RDS_DIR = "rds";

  public NodeFiles {
    files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
  }
}
