package dev.bent.source;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.diag.Diagnostics;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Reading a mesh file takes CPU time linear in its size, whatever its shape: 16 MB costs a small
 * multiple of 16 times what 1 MB costs. CPU time of this thread, not wall-clock time, so that a
 * busy machine does not fail it; the smallest of a few runs of
 * 1 MB (at least 5 ms), so that a collection or a coarse clock does not either.
 */
class ReadLinearityTest {
  private static final int MB = 1024 * 1024;
  /** Linear reading gives about 16; the quadratic scanner gave about 256 for one long value. */
  private static final double MAX_RATIO = 48;

  @Test
  void oneLongValueOnOneLine() {
    assertLinear("a long line", size -> "nodes:\n  a:\n  - name: " + "a".repeat(size) + "\n");
  }

  @Test
  void oneLongValueOverManyLines() {
    assertLinear("a long block value", size -> "nodes:\n  a:\n  - name: >\n"
        + ("      " + "b".repeat(1_000) + "\n").repeat(size / 1_007));
  }

  @Test
  void oneLongCommentLine() {
    assertLinear("a long comment", size -> "# " + "c ".repeat(size / 2) + "\nnodes:\n");
  }

  private static void assertLinear(String what, IntFunction<String> mesh) {
    String small = mesh.apply(MB);
    String large = mesh.apply(16 * MB);
    cpu(small, 1);
    long smallCpu = Math.max(cpu(small, 3), 5_000_000);
    long largeCpu = cpu(large, 1);
    double ratio = (double) largeCpu / smallCpu;
    System.out.printf("reading %s: 1 MB %d ms, 16 MB %d ms of CPU (x%.1f)%n",
        what, smallCpu / 1_000_000, largeCpu / 1_000_000, ratio);
    assertTrue(ratio <= MAX_RATIO, what + ": 16 MB took " + ratio + " times the CPU of 1 MB");
  }

  /** The least CPU time of {@code runs} reads of {@code text}, in nanoseconds. */
  private static long cpu(String text, int runs) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long best = Long.MAX_VALUE;
    for (int i = 0; i < runs; i++) {
      long start = threads.getCurrentThreadCpuTime();
      MeshFileReader.parse("mesh.yaml", text, new Diagnostics());
      best = Math.min(best, threads.getCurrentThreadCpuTime() - start);
    }
    return best;
  }
}
