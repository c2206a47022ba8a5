package dev.bent.write;

import dev.bent.emit.NodeFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Writes many node directories, each with {@link GenerationWriter}, several at a time.
 *
 * <p>Reasoning: each publish waits on fsync, not on the CPU, and node directories are independent,
 * so a few writers in parallel finish a large mesh several times sooner on any disk. The content
 * and the result do not depend on the order.
 */
public final class NodeDirectoryWriter {
  static final int WRITERS = 8;

  private NodeDirectoryWriter() {}

  /**
   * Writes every node into its directory of {@code layout}; returns how many changed. The node
   * directories are first claimed as bent's ({@link #claim}), so that a name taken by something
   * bent did not write stops the write before any change.
   */
  public static int writeAll(Collection<NodeFiles> nodes, OutputLayout layout) throws IOException {
    claim(nodes.stream().map(NodeFiles::node).toList(), layout);
    Function<String, Path> directoryOf = layout::directory;
    if (nodes.size() <= 1) {
      int changed = 0;
      for (NodeFiles node : nodes) {
        changed += GenerationWriter.write(directoryOf.apply(node.node()), node).changed() ? 1 : 0;
      }
      return changed;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(WRITERS, nodes.size()));
    try {
      List<Future<GenerationWriter.Result>> results = new ArrayList<>();
      for (NodeFiles node : nodes) {
        results.add(pool.submit(() -> GenerationWriter.write(directoryOf.apply(node.node()), node)));
      }
      int changed = 0;
      for (Future<GenerationWriter.Result> result : results) {
        changed += result.get().changed() ? 1 : 0;
      }
      return changed;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof UncheckedIOException io) {
        throw io.getCause();
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while writing node directories", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Checks that {@code nodes}' directories are free or bent's and records them in the output's
   * {@link NodeDirectories} manifest. With a single node written into the output itself there is
   * no node directory to claim: {@link GenerationWriter} checks each name it writes there.
   */
  public static void claim(Collection<String> nodes, OutputLayout layout) throws IOException {
    if (!layout.single()) {
      NodeDirectories.of(layout.output(), NodeDirectories.Kind.GENERATIONS).claim(nodes);
    }
  }
}
