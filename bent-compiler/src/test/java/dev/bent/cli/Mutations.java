package dev.bent.cli;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Random edits of a text, for property-based tests of what bent reads: the kinds of mistakes a
 * person or a broken tool makes (a character lost or added, a line doubled or dropped, an odd value
 * pasted in), and the YAML features that are rarely used on purpose.
 */
final class Mutations {
  /** Fragments that reach corners of YAML and of bent's value grammars. */
  static final List<String> FRAGMENTS = List.of(
      "0x10", "0b101", "0o17", "3_000", "010", "1:20", "99999999999999999999", "-1", "0", "65536",
      "1e3", ".inf", ".nan", "+80", "1.5", "!!binary AAAA", "!!str ", "!!int ", "!foo ", "!!set ",
      "&a ", "*a", "*missing", "<<: *a", "<<: ", "~", "null", "\"\"", "''", "yes", "off", "2001-12-14",
      "\t", " ", "  ", "\n", "\n  ", "- ", ": ", "? ", "{", "}", "[", "]", ",", "\"", "'", "#", "|", ">",
      "---\n", "...\n", "%YAML 1.1\n", "@", "`", "%", "\u0000", "\u0007", "\u00e9", "\ufeff", "\ud83d\ude00",
      "\r\n", "\\", "10.0.0.1", "::1", "a.svc", "http://x", "fault.inject", "endpoint.weight",
      "x".repeat(20_000));

  private Mutations() {}

  /** One edit of a text; where it applies is a fraction of the text's length. */
  record Edit(int kind, double where, int length, String fragment) {
    String apply(String text) {
      int at = Math.min(text.length(), (int) (where * text.length()));
      int end = Math.min(text.length(), at + length);
      return switch (kind) {
        case 0 -> text.substring(0, at) + text.substring(end);
        case 1 -> text.substring(0, at) + fragment + text.substring(at);
        case 2 -> text.substring(0, at) + fragment + text.substring(end);
        case 3 -> lines(text, at, true);
        case 4 -> lines(text, at, false);
        case 5 -> text.substring(0, at);
        default -> text.substring(0, at) + text.substring(at, end).toUpperCase() + text.substring(end);
      };
    }

    /** Doubles ({@code twice}) or drops the line that holds {@code at}. */
    private static String lines(String text, int at, boolean twice) {
      int start = text.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
      int end = text.indexOf('\n', at);
      end = end < 0 ? text.length() : end + 1;
      String line = text.substring(start, end);
      return text.substring(0, start) + (twice ? line + line : "") + text.substring(end);
    }
  }

  static Arbitrary<Edit> edits() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 6),
            Arbitraries.doubles().between(0, 1),
            Arbitraries.integers().between(1, 12),
            Arbitraries.oneOf(Arbitraries.of(FRAGMENTS), Arbitraries.strings().ofMaxLength(4)))
        .as(Edit::new);
  }

  /** {@code text} with one to four random edits. */
  static Arbitrary<String> of(Arbitrary<String> texts) {
    return Combinators.combine(texts, edits().list().ofMinSize(1).ofMaxSize(4))
        .as((text, edits) -> {
          String out = text;
          for (Edit edit : edits) {
            out = edit.apply(out);
          }
          return out;
        });
  }
}
