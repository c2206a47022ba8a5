package dev.bent.emit;

import java.util.Arrays;

/**
 * The write position in a block YAML text, and the writers of scalars in each style.
 *
 * <p>It keeps what a streaming YAML emitter keeps about the last character written: the column,
 * whether it was a blank, whether the line so far is only indentation and indicators, and the
 * indentation of the node being written. Indicators, line breaks and scalars go through it so that
 * spacing and line breaks come out as such an emitter writes them, with no line splitting.
 */
final class YamlCursor {
  static final int INDENT = 2;
  private static final int NO_INDENT = -1;

  private final StringBuilder out;
  private int column;
  private boolean whitespace = true;
  private boolean indention = true;
  private int indent = NO_INDENT;
  private int[] indents = new int[16];
  private int indentDepth;

  YamlCursor(StringBuilder out) {
    this.out = out;
  }

  /** Whether the line so far holds only indentation and indicators that allow a node after them. */
  boolean atIndention() {
    return indention;
  }

  void increaseIndent(boolean flow, boolean indentless) {
    if (indentDepth == indents.length) {
      indents = Arrays.copyOf(indents, indentDepth * 2);
    }
    indents[indentDepth++] = indent;
    if (indent == NO_INDENT) {
      indent = flow ? INDENT : 0;
    } else if (!indentless) {
      indent += INDENT;
    }
  }

  void popIndent() {
    indent = indents[--indentDepth];
  }

  void writeIndicator(String indicator, boolean needWhitespace, boolean whitespaceAfter, boolean indentation) {
    if (!whitespace && needWhitespace) {
      column++;
      out.append(' ');
    }
    whitespace = whitespaceAfter;
    indention = indention && indentation;
    column += indicator.length();
    out.append(indicator);
  }

  void writeIndent() {
    int to = indent == NO_INDENT ? 0 : indent;
    if (!indention || column > to || (column == to && !whitespace)) {
      writeLineBreak('\n');
    }
    if (to - column > 0) {
      whitespace = true;
      for (int i = column; i < to; i++) {
        out.append(' ');
      }
      column = to;
    }
  }

  private void writeLineBreak(char c) {
    whitespace = true;
    indention = true;
    column = 0;
    out.append(c);
  }

  /** Writes the line breaks of {@code text[start, end)}. */
  private void writeBreaks(String text, int start, int end) {
    for (int i = start; i < end; i++) {
      writeLineBreak(text.charAt(i));
    }
  }

  private void writeChunk(String text, int start, int end) {
    column += end - start;
    out.append(text, start, end);
  }

  void writePlain(String text) {
    if (text.isEmpty()) {
      return;
    }
    if (!whitespace) {
      column++;
      out.append(' ');
    }
    whitespace = false;
    indention = false;
    boolean breaks = false;
    int start = 0;
    for (int end = 0; end <= text.length(); end++) {
      char c = end < text.length() ? text.charAt(end) : 0;
      if (breaks) {
        if (!ScalarAnalysis.isLineBreak(c)) {
          if (text.charAt(start) == '\n') {
            writeLineBreak('\n');
          }
          writeBreaks(text, start, end);
          writeIndent();
          whitespace = false;
          indention = false;
          start = end;
        }
      } else if (c == 0 || c == ' ' || ScalarAnalysis.isLineBreak(c)) {
        writeChunk(text, start, end);
        start = end;
      }
      if (c != 0) {
        breaks = ScalarAnalysis.isLineBreak(c);
      }
    }
  }

  void writeSingleQuoted(String text) {
    writeIndicator("'", true, false, false);
    boolean breaks = false;
    int start = 0;
    for (int end = 0; end <= text.length(); end++) {
      char c = end < text.length() ? text.charAt(end) : 0;
      if (breaks) {
        if (c == 0 || !ScalarAnalysis.isLineBreak(c)) {
          if (text.charAt(start) == '\n') {
            writeLineBreak('\n');
          }
          writeBreaks(text, start, end);
          writeIndent();
          start = end;
        }
      } else if (c == 0 || c == ' ' || c == '\'' || ScalarAnalysis.isLineBreak(c)) {
        if (start < end) {
          writeChunk(text, start, end);
          start = end;
        }
      }
      if (c == '\'') {
        column += 2;
        out.append("''");
        start = end + 1;
      }
      if (c != 0) {
        breaks = ScalarAnalysis.isLineBreak(c);
      }
    }
    writeIndicator("'", false, false, false);
  }

  void writeDoubleQuoted(String text) {
    writeIndicator("\"", true, false, false);
    int start = 0;
    for (int end = 0; end <= text.length(); end++) {
      boolean atEnd = end == text.length();
      char c = atEnd ? 0 : text.charAt(end);
      if (atEnd || c == '"' || c == '\\' || c == '\u0085' || c == '\u2028' || c == '\u2029' || c == '\uFEFF'
          || c < 0x20 || c > 0x7E) {
        if (start < end) {
          writeChunk(text, start, end);
          start = end;
        }
        if (!atEnd) {
          String escape = YamlQuoting.escape(c);
          String data;
          if (escape != null) {
            data = escape;
          } else {
            int codePoint = Character.isHighSurrogate(c) && end + 1 < text.length()
                ? Character.toCodePoint(c, text.charAt(end + 1))
                : c;
            if (ScalarAnalysis.printable(codePoint)) {
              data = new String(Character.toChars(codePoint));
              if (Character.charCount(codePoint) == 2) {
                end++;
              }
            } else if (c <= '\u00FF') {
              data = "\\x" + hex(c, 2);
            } else if (Character.charCount(codePoint) == 2) {
              end++;
              data = "\\U" + hex(codePoint, 8);
            } else {
              data = "\\u" + hex(c, 4);
            }
          }
          column += data.length();
          out.append(data);
          start = end + 1;
        }
      }
    }
    writeIndicator("\"", false, false, false);
  }

  private static String hex(int value, int digits) {
    String s = Integer.toHexString(value);
    return "0".repeat(Math.max(0, digits - s.length())) + s;
  }

  void writeLiteral(String text) {
    String hints = blockHints(text);
    writeIndicator("|" + hints, true, false, false);
    writeLineBreak('\n');
    boolean breaks = true;
    int start = 0;
    for (int end = 0; end <= text.length(); end++) {
      char c = end < text.length() ? text.charAt(end) : 0;
      if (breaks) {
        if (c == 0 || !ScalarAnalysis.isLineBreak(c)) {
          writeBreaks(text, start, end);
          if (c != 0) {
            writeIndent();
          }
          start = end;
        }
      } else if (c == 0 || ScalarAnalysis.isLineBreak(c)) {
        // The text of a block scalar line does not move the column: the break after it resets it.
        out.append(text, start, end);
        if (c == 0) {
          writeLineBreak('\n');
        }
        start = end;
      }
      if (c != 0) {
        breaks = ScalarAnalysis.isLineBreak(c);
      }
    }
  }

  /** The indentation and chomping indicators of a literal block holding {@code text}. */
  private static String blockHints(String text) {
    StringBuilder hints = new StringBuilder(2);
    char first = text.charAt(0);
    if (first == ' ' || ScalarAnalysis.isLineBreak(first)) {
      hints.append(INDENT);
    }
    char last = text.charAt(text.length() - 1);
    if (!ScalarAnalysis.isLineBreak(last)) {
      hints.append('-');
    } else if (text.length() == 1 || ScalarAnalysis.isLineBreak(text.charAt(text.length() - 2))) {
      hints.append('+');
    }
    return hints.toString();
  }
}
