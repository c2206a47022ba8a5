package dev.bent.write;

import dev.bent.emit.NodeFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes many node directories, each with {@link GenerationWriter}, several at a time.
 *
 * <p>Reasoning: each publish waits on fsync, not on the CPU, and node directories are independent,
 * so a few writers in parallel finish a large mesh several times sooner on any disk. The content
 * and the result do not depend on the order. A file several nodes hold with the same bytes is
 * written once and hard-linked into the others ({@link SharedFiles}).
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
    int changed = 0;
    for (GenerationWriter.Result result : writeEach(nodes, layout, new AtomicInteger())) {
      changed += result.changed() ? 1 : 0;
    }
    return changed;
  }

  /**
   * Writes every node into its directory of {@code layout}, already claimed, and returns each
   * node's result in the order of {@code nodes}; {@code completed} counts the nodes written so far,
   * also when one fails. After a failure no further node is started, and the writes under way are
   * finished (never interrupted) before the failure is thrown.
   */
  public static List<GenerationWriter.Result> writeEach(
      Collection<NodeFiles> nodes, OutputLayout layout, AtomicInteger completed) throws IOException {
    return writeEach(nodes, layout, completed, PublishedKeys.NONE);
  }

  /**
   * As above, knowing unchanged files by what {@code published} remembers of this process's
   * earlier writes (a watch keeps one for all its publishes).
   */
  public static List<GenerationWriter.Result> writeEach(
      Collection<NodeFiles> nodes, OutputLayout layout, AtomicInteger completed, PublishedKeys published)
      throws IOException {
    List<GenerationWriter.Result> results = new ArrayList<>();
    if (nodes.size() <= 1) {
      for (NodeFiles node : nodes) {
        results.add(GenerationWriter.write(layout.directory(node.node()), node, SharedFiles.NONE, published));
        completed.incrementAndGet();
      }
      return results;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(WRITERS, nodes.size()));
    List<Future<GenerationWriter.Result>> futures = new ArrayList<>();
    SharedFiles shared = layout.single() ? SharedFiles.NONE : SharedFiles.below(layout.output());
    try {
      for (NodeFiles node : nodes) {
        futures.add(pool.submit(() -> {
          GenerationWriter.Result result = GenerationWriter.write(layout.directory(node.node()), node, shared, published);
          completed.incrementAndGet();
          return result;
        }));
      }
      for (Future<GenerationWriter.Result> future : futures) {
        results.add(future.get());
      }
      return results;
    } catch (ExecutionException e) {
      futures.forEach(f -> f.cancel(false));
      throw unwrap(e.getCause());
    } catch (InterruptedException e) {
      futures.forEach(f -> f.cancel(false));
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while writing node directories", e);
    } finally {
      awaitWritesUnderWay(pool);
      shared.close();
    }
  }

  private static void awaitWritesUnderWay(ExecutorService pool) {
    pool.shutdown();
    try {
      pool.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static IOException unwrap(Throwable cause) {
    if (cause instanceof IOException io) {
      return io;
    }
    if (cause instanceof UncheckedIOException io) {
      return io.getCause();
    }
    if (cause instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    throw new IllegalStateException(cause);
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
