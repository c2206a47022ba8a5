package dev.bent.golden;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A line-by-line edit script from one list of lines to another: which lines are kept, deleted and
 * inserted, in order.
 *
 * <p>Reasoning: the common prefix and suffix are kept as they are, and the lines between them are
 * diffed with Myers' greedy algorithm, which finds a shortest edit script in O((N+M)·D) time. Its
 * backtracking keeps one snapshot per edit step, so the memory grows with D²; past {@link
 * #MAX_EDITS} edits the middle is reported as deleted and inserted whole. That is still a correct
 * script, only not the shortest, and it only happens when two files have little in common.
 */
final class LineDiff {
  /** The most edits searched for a shortest script; beyond, the middle is replaced whole. */
  static final int MAX_EDITS = 2000;

  /** One step of an edit script. */
  enum Op {
    KEEP,
    DELETE,
    INSERT
  }

  private LineDiff() {}

  /** The edit script that turns {@code from} into {@code to}: one op per kept, deleted or inserted line. */
  static List<Op> between(List<String> from, List<String> to) {
    int prefix = 0;
    while (prefix < from.size() && prefix < to.size() && from.get(prefix).equals(to.get(prefix))) {
      prefix++;
    }
    int suffix = 0;
    while (suffix < from.size() - prefix
        && suffix < to.size() - prefix
        && from.get(from.size() - 1 - suffix).equals(to.get(to.size() - 1 - suffix))) {
      suffix++;
    }
    List<String> a = from.subList(prefix, from.size() - suffix);
    List<String> b = to.subList(prefix, to.size() - suffix);
    List<Op> ops = new ArrayList<>(Collections.nCopies(prefix, Op.KEEP));
    List<Op> middle = shortest(a, b);
    ops.addAll(middle != null ? middle : replaceAll(a.size(), b.size()));
    ops.addAll(Collections.nCopies(suffix, Op.KEEP));
    return ops;
  }

  /**
   * Myers' greedy search. {@code v[offset + k]} is the furthest x reached on diagonal k = x - y;
   * before each step d a copy of the diagonals that step reads is kept for the backtrack.
   *
   * @return the shortest script, or null when it needs more than {@link #MAX_EDITS} edits
   */
  private static List<Op> shortest(List<String> a, List<String> b) {
    int n = a.size();
    int m = b.size();
    int max = Math.min(n + m, MAX_EDITS);
    int offset = max + 1;
    int[] v = new int[2 * max + 3];
    List<int[]> trace = new ArrayList<>();
    for (int d = 0; d <= max; d++) {
      trace.add(Arrays.copyOfRange(v, offset - d - 1, offset + d + 2));
      for (int k = -d; k <= d; k += 2) {
        int x = fromBelow(v, offset, k, d) ? v[offset + k + 1] : v[offset + k - 1] + 1;
        int y = x - k;
        while (x < n && y < m && a.get(x).equals(b.get(y))) {
          x++;
          y++;
        }
        v[offset + k] = x;
        if (x >= n && y >= m) {
          return backtrack(trace, n, m);
        }
      }
    }
    return null;
  }

  /** Whether step d reaches diagonal k by an insertion (from k + 1) rather than a deletion (from k - 1). */
  private static boolean fromBelow(int[] v, int offset, int k, int d) {
    return k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]);
  }

  private static List<Op> backtrack(List<int[]> trace, int n, int m) {
    List<Op> reversed = new ArrayList<>();
    int x = n;
    int y = m;
    for (int d = trace.size() - 1; d >= 0; d--) {
      int[] snapshot = trace.get(d);
      int offset = d + 1;
      int k = x - y;
      int previousK = fromBelow(snapshot, offset, k, d) ? k + 1 : k - 1;
      int previousX = snapshot[offset + previousK];
      int previousY = previousX - previousK;
      while (x > previousX && y > previousY) {
        reversed.add(Op.KEEP);
        x--;
        y--;
      }
      if (d > 0) {
        reversed.add(x == previousX ? Op.INSERT : Op.DELETE);
      }
      x = previousX;
      y = previousY;
    }
    Collections.reverse(reversed);
    return reversed;
  }

  private static List<Op> replaceAll(int deleted, int inserted) {
    List<Op> ops = new ArrayList<>(Collections.nCopies(deleted, Op.DELETE));
    ops.addAll(Collections.nCopies(inserted, Op.INSERT));
    return ops;
  }
}
