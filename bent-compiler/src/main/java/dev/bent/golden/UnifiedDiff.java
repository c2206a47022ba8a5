package dev.bent.golden;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Chunk;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A unified diff of two texts, as {@code diff -u} and {@code git diff} print it: a {@code ---} and a
 * {@code +++} header, then {@code @@ -l,s +l,s @@} hunks that show each change with {@value
 * #CONTEXT} lines of context. A last line without a newline is marked {@code \ No newline at end
 * of file}, so a change of the final newline alone is visible.
 *
 * <p>The edit script is java-diff-utils' Myers diff, a shortest one however many edits it needs;
 * this class only lays it out as hunks.
 *
 * <pre>
 * --- golden/beta/cds.yaml
 * +++ compiled/beta/cds.yaml
 * &#64;&#64; -12,7 +12,7 &#64;&#64;
 *            address:
 *              socket_address:
 *                address: 10.0.0.3
 * -              port_value: 3000
 * +              port_value: 3001
 * </pre>
 */
public final class UnifiedDiff {
  /** Lines of unchanged context shown around each change. */
  public static final int CONTEXT = 3;

  private static final String NO_NEWLINE = "\\ No newline at end of file\n";

  /** One step of an edit script: a line kept, deleted from the first text, or inserted from the second. */
  private enum Op {
    KEEP,
    DELETE,
    INSERT
  }

  private UnifiedDiff() {}

  /** The diff from {@code from} to {@code to}, or "" when the texts are equal. */
  public static String of(String fromLabel, String toLabel, String from, String to) {
    if (from.equals(to)) {
      return "";
    }
    List<String> a = lines(from);
    List<String> b = lines(to);
    List<Op> ops = editScript(a, b);
    StringBuilder out = new StringBuilder();
    out.append("--- ").append(fromLabel).append('\n');
    out.append("+++ ").append(toLabel).append('\n');
    for (int[] hunk : hunks(ops)) {
      appendHunk(out, ops, hunk[0], hunk[1], a, b);
    }
    return out.toString();
  }

  /** One op per kept, deleted or inserted line, in order, from the library's list of changed chunks. */
  private static List<Op> editScript(List<String> a, List<String> b) {
    List<Op> ops = new ArrayList<>();
    int next = 0;
    for (AbstractDelta<String> delta : DiffUtils.diff(a, b).getDeltas()) {
      Chunk<String> source = delta.getSource();
      ops.addAll(Collections.nCopies(source.getPosition() - next, Op.KEEP));
      ops.addAll(Collections.nCopies(source.size(), Op.DELETE));
      ops.addAll(Collections.nCopies(delta.getTarget().size(), Op.INSERT));
      next = source.getPosition() + source.size();
    }
    ops.addAll(Collections.nCopies(a.size() - next, Op.KEEP));
    return ops;
  }

  /** The lines of {@code text}, each with its line feed; the last one may lack it. */
  static List<String> lines(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      int next = end < 0 ? text.length() : end + 1;
      lines.add(text.substring(start, next));
      start = next;
    }
    return lines;
  }

  /**
   * The hunks as [first op, last op + 1] ranges of {@code ops}: each change with its context, and
   * changes whose contexts touch or overlap merged into one hunk.
   */
  private static List<int[]> hunks(List<Op> ops) {
    List<int[]> hunks = new ArrayList<>();
    int i = 0;
    while (i < ops.size()) {
      if (ops.get(i) == Op.KEEP) {
        i++;
        continue;
      }
      int start = Math.max(0, i - CONTEXT);
      int end = i;
      while (end < ops.size()) {
        int changeEnd = end;
        while (changeEnd < ops.size() && ops.get(changeEnd) != Op.KEEP) {
          changeEnd++;
        }
        int keepEnd = changeEnd;
        while (keepEnd < ops.size() && ops.get(keepEnd) == Op.KEEP) {
          keepEnd++;
        }
        end = changeEnd;
        if (keepEnd == ops.size() || keepEnd - changeEnd > 2 * CONTEXT) {
          break;
        }
        end = keepEnd;
      }
      int stop = Math.min(ops.size(), end + CONTEXT);
      hunks.add(new int[] {start, stop});
      i = stop;
    }
    return hunks;
  }

  private static void appendHunk(StringBuilder out, List<Op> ops, int start, int stop, List<String> a, List<String> b) {
    int aLine = 0;
    int bLine = 0;
    for (int i = 0; i < start; i++) {
      aLine += ops.get(i) != Op.INSERT ? 1 : 0;
      bLine += ops.get(i) != Op.DELETE ? 1 : 0;
    }
    StringBuilder body = new StringBuilder();
    int aCount = 0;
    int bCount = 0;
    for (int i = start; i < stop; i++) {
      Op op = ops.get(i);
      String line = op == Op.INSERT ? b.get(bLine + bCount) : a.get(aLine + aCount);
      body.append(op == Op.KEEP ? ' ' : op == Op.DELETE ? '-' : '+').append(line);
      if (!line.endsWith("\n")) {
        body.append('\n').append(NO_NEWLINE);
      }
      aCount += op != Op.INSERT ? 1 : 0;
      bCount += op != Op.DELETE ? 1 : 0;
    }
    out.append("@@ -").append(range(aLine, aCount)).append(" +").append(range(bLine, bCount)).append(" @@\n");
    out.append(body);
  }

  /**
   * A hunk range as diff writes it: {@code start,count} with 1-based start, the start alone for one
   * line, and for no lines the line before the hunk with count 0.
   */
  private static String range(int firstIndex, int count) {
    if (count == 1) {
      return String.valueOf(firstIndex + 1);
    }
    return (count == 0 ? firstIndex : firstIndex + 1) + "," + count;
  }
}
