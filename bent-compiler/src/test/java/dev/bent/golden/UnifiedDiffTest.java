package dev.bent.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UnifiedDiffTest {
  private static final Pattern HUNK = Pattern.compile("@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@\n");

  @Test
  void equalTextsHaveNoDiff() {
    assertEquals("", UnifiedDiff.of("a", "b", "x\ny\n", "x\ny\n"));
  }

  @Test
  void changedLineIsShownWithThreeLinesOfContext() {
    String from = numbered(1, 10);
    String to = from.replace("line 5\n", "line five\n");
    assertEquals(
        """
        --- golden/a.yaml
        +++ compiled/a.yaml
        @@ -2,7 +2,7 @@
         line 2
         line 3
         line 4
        -line 5
        +line five
         line 6
         line 7
         line 8
        """,
        UnifiedDiff.of("golden/a.yaml", "compiled/a.yaml", from, to));
  }

  @Test
  void changesSixLinesApartShareOneHunk() {
    String from = numbered(1, 20);
    String to = from.replace("line 5\n", "five\n").replace("line 12\n", "twelve\n");
    String diff = UnifiedDiff.of("a", "b", from, to);
    assertEquals(List.of("@@ -2,14 +2,14 @@"), hunkHeaders(diff));
  }

  @Test
  void changesSevenLinesApartMakeTwoHunks() {
    String from = numbered(1, 20);
    String to = from.replace("line 5\n", "five\n").replace("line 13\n", "thirteen\n");
    String diff = UnifiedDiff.of("a", "b", from, to);
    assertEquals(List.of("@@ -2,7 +2,7 @@", "@@ -10,7 +10,7 @@"), hunkHeaders(diff));
  }

  @Test
  void insertionIntoAnEmptyFileStartsAtLineZero() {
    assertEquals("--- a\n+++ b\n@@ -0,0 +1,2 @@\n+x\n+y\n", UnifiedDiff.of("a", "b", "", "x\ny\n"));
  }

  @Test
  void singleLineRangesOmitTheCount() {
    assertEquals("--- a\n+++ b\n@@ -1 +1 @@\n-x\n+y\n", UnifiedDiff.of("a", "b", "x\n", "y\n"));
  }

  @Test
  void missingFinalNewlineIsMarked() {
    assertEquals(
        "--- a\n+++ b\n@@ -1,2 +1,2 @@\n x\n-y\n\\ No newline at end of file\n+y\n",
        UnifiedDiff.of("a", "b", "x\ny", "x\ny\n"));
  }

  @Test
  void randomEditsApplyBackAndAreShortest() {
    Random random = new Random(7);
    for (int round = 0; round < 300; round++) {
      List<String> from = randomLines(random, random.nextInt(25));
      List<String> to = mutate(random, from);
      String diff = UnifiedDiff.of("a", "b", String.join("", from), String.join("", to));
      assertEquals(String.join("", to), apply(String.join("", from), diff), "round " + round + ":\n" + diff);
      long changed = diff.lines().filter(l -> l.matches("^[-+](?![-+]{2} ).*")).count();
      assertEquals(from.size() + to.size() - 2L * lcs(from, to), changed, "round " + round + ":\n" + diff);
    }
  }

  @Test
  void filesWithThousandsOfEditsGetAShortestDiff() {
    int lines = 5000;
    String from = numbered(1, lines);
    String to = IntStream.rangeClosed(1, lines)
        .mapToObj(i -> (i % 2 == 0 ? "other " : "line ") + i + "\n").collect(Collectors.joining());
    String diff = UnifiedDiff.of("a", "b", "same\n" + from + "end\n", "same\n" + to + "end\n");
    assertEquals("same\n" + to + "end\n", apply("same\n" + from + "end\n", diff));
    long changed = diff.lines().filter(l -> l.matches("^[-+](?![-+]{2} ).*")).count();
    assertEquals(5000, changed, "2,500 lines changed: 2,500 deleted and 2,500 inserted");
  }

  private static String numbered(int first, int last) {
    return IntStream.rangeClosed(first, last).mapToObj(i -> "line " + i + "\n").collect(Collectors.joining());
  }

  private static List<String> hunkHeaders(String diff) {
    return diff.lines().filter(l -> l.startsWith("@@")).toList();
  }

  private static List<String> randomLines(Random random, int count) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      lines.add((char) ('a' + random.nextInt(4)) + "\n");
    }
    if (!lines.isEmpty() && random.nextInt(4) == 0) {
      String last = lines.remove(lines.size() - 1);
      lines.add(last.strip());
    }
    return lines;
  }

  private static List<String> mutate(Random random, List<String> from) {
    List<String> to = new ArrayList<>(from);
    int edits = random.nextInt(8);
    for (int i = 0; i < edits; i++) {
      int at = random.nextInt(to.size() + 1);
      if (random.nextBoolean() && at < to.size()) {
        to.remove(at);
      } else {
        to.add(Math.min(at, to.size() - (to.isEmpty() || to.get(to.size() - 1).endsWith("\n") ? 0 : 1)),
            (char) ('a' + random.nextInt(5)) + "\n");
      }
    }
    return to;
  }

  /** A longest common subsequence's length, by dynamic programming: the reference for "shortest". */
  private static int lcs(List<String> a, List<String> b) {
    int[][] table = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        table[i][j] = a.get(i).equals(b.get(j)) ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
      }
    }
    return table[0][0];
  }

  /** The lines of {@code text} with their line feeds, split independently of the code under test. */
  private static List<String> linesOf(String text) {
    List<String> lines = new ArrayList<>(List.of(text.split("(?<=\n)")));
    lines.removeIf(String::isEmpty);
    return lines;
  }

  /** Applies a unified diff to {@code source} the way patch does, checking every context and deleted line. */
  private static String apply(String source, String diff) {
    List<String> lines = linesOf(source);
    List<String> patch = linesOf(diff);
    StringBuilder out = new StringBuilder();
    int next = 0;
    int i = 2;
    while (i < patch.size()) {
      Matcher hunk = HUNK.matcher(patch.get(i));
      assertTrue(hunk.matches(), "not a hunk header: " + patch.get(i));
      int start = Integer.parseInt(hunk.group(1));
      int count = hunk.group(2) == null ? 1 : Integer.parseInt(hunk.group(2));
      int first = count == 0 ? start : start - 1;
      while (next < first) {
        out.append(lines.get(next++));
      }
      for (i++; i < patch.size() && !patch.get(i).startsWith("@@"); i++) {
        String text = patch.get(i).substring(1);
        if (i + 1 < patch.size() && patch.get(i + 1).startsWith("\\")) {
          text = text.substring(0, text.length() - 1);
        }
        char kind = patch.get(i).charAt(0);
        if (kind == '\\') {
          continue;
        }
        if (kind != '+') {
          assertEquals(lines.get(next++), text, "context or deleted line");
        }
        if (kind != '-') {
          out.append(text);
        }
      }
    }
    while (next < lines.size()) {
      out.append(lines.get(next++));
    }
    return out.toString();
  }
}
