package dev.bent.emit;

/**
 * A block-style YAML writer: mappings and sequences in block style (a sequence under a mapping key
 * at the key's indentation), empty ones as {@code {}} and {@code []}, two spaces of indentation, no
 * line splitting, one document without markers.
 *
 * <p>Callers say what each scalar is ({@link #string}, {@link #plain}, {@link #key}); this class
 * picks the style that holds the text unchanged and writes it. It keeps the layout state of a
 * streaming emitter (column, whether the last character was a blank or an indentation) so that
 * unusual keys and scalars (long or multi-line keys, block scalars) come out as such an emitter
 * writes them.
 */
final class YamlText {
  /** Keys this long or longer are written as explicit {@code ? key} entries. */
  private static final int MAX_SIMPLE_KEY = 128;
  private static final int INDENT = 2;
  private static final int NO_INDENT = -1;

  private final StringBuilder out;
  private int column;
  private boolean whitespace = true;
  private boolean indention = true;
  private int indent = NO_INDENT;
  private int[] indents = new int[16];
  private int indentDepth;
  /** Open collections, innermost last: true for a sequence. */
  private boolean[] sequences = new boolean[16];
  /** For each open mapping, whether its current key was written as a simple key. */
  private boolean[] simpleKeys = new boolean[16];
  private int depth;
  private boolean mappingContext;
  private boolean simpleKeyContext;

  YamlText(StringBuilder out) {
    this.out = out;
  }

  /** Starts a mapping; an empty one is written whole, and needs no {@link #endMapping}. */
  void startMapping(boolean empty) {
    beforeNode();
    if (empty) {
      writeIndicator("{", true, true, false);
      writeIndicator("}", false, false, false);
      return;
    }
    increaseIndent(false, false);
    push(false);
  }

  void endMapping() {
    popIndent();
    depth--;
  }

  /** Starts a sequence; an empty one is written whole, and needs no {@link #endSequence}. */
  void startSequence(boolean empty) {
    beforeNode();
    if (empty) {
      writeIndicator("[", true, true, false);
      writeIndicator("]", false, false, false);
      return;
    }
    increaseIndent(false, mappingContext && !indention);
    push(true);
  }

  void endSequence() {
    popIndent();
    depth--;
  }

  /** The next key of the innermost mapping. */
  void key(String name) {
    writeIndent();
    ScalarAnalysis analysis = ScalarAnalysis.of(name);
    ScalarStyle requested = YamlQuoting.key(name);
    boolean simple = name.length() < MAX_SIMPLE_KEY && !analysis.empty() && !analysis.multiline();
    simpleKeys[depth - 1] = simple;
    mappingContext = true;
    if (simple) {
      simpleKeyContext = true;
    } else {
      writeIndicator("?", true, false, true);
      simpleKeyContext = false;
    }
    scalar(name, requested, analysis);
  }

  /** A string value, quoted when a reader could take it for something else. */
  void string(String value) {
    beforeNode();
    scalar(value, YamlQuoting.value(value), ScalarAnalysis.of(value));
  }

  /** A number, boolean or null, written as it is. */
  void plain(String value) {
    beforeNode();
    scalar(value, ScalarStyle.PLAIN, ScalarAnalysis.of(value));
  }

  /** Ends the document. */
  void end() {
    writeIndent();
  }

  private void push(boolean sequence) {
    if (depth == sequences.length) {
      sequences = java.util.Arrays.copyOf(sequences, depth * 2);
      simpleKeys = java.util.Arrays.copyOf(simpleKeys, depth * 2);
    }
    sequences[depth++] = sequence;
  }

  /** What comes before a node in its parent: the item's dash, or the mapping value's colon. */
  private void beforeNode() {
    if (depth == 0) {
      mappingContext = false;
      simpleKeyContext = false;
      return;
    }
    if (sequences[depth - 1]) {
      writeIndent();
      writeIndicator("-", true, false, true);
      mappingContext = false;
    } else {
      if (simpleKeys[depth - 1]) {
        writeIndicator(":", false, false, false);
      } else {
        writeIndent();
        writeIndicator(":", true, false, true);
      }
      mappingContext = true;
    }
    simpleKeyContext = false;
  }

  private void scalar(String text, ScalarStyle requested, ScalarAnalysis analysis) {
    increaseIndent(true, false);
    switch (choose(requested, analysis)) {
      case PLAIN -> writePlain(text);
      case SINGLE_QUOTED -> writeSingleQuoted(text);
      case DOUBLE_QUOTED -> writeDoubleQuoted(text);
      case LITERAL -> writeLiteral(text);
    }
    popIndent();
  }

  private ScalarStyle choose(ScalarStyle requested, ScalarAnalysis analysis) {
    if (requested == ScalarStyle.DOUBLE_QUOTED) {
      return ScalarStyle.DOUBLE_QUOTED;
    }
    if (requested == ScalarStyle.PLAIN
        && !(simpleKeyContext && (analysis.empty() || analysis.multiline()))
        && analysis.plainAllowed()) {
      return ScalarStyle.PLAIN;
    }
    if (requested == ScalarStyle.LITERAL && !simpleKeyContext && analysis.blockAllowed()) {
      return ScalarStyle.LITERAL;
    }
    if (requested != ScalarStyle.LITERAL
        && analysis.singleQuotedAllowed()
        && !(simpleKeyContext && analysis.multiline())) {
      return ScalarStyle.SINGLE_QUOTED;
    }
    return ScalarStyle.DOUBLE_QUOTED;
  }

  private void increaseIndent(boolean flow, boolean indentless) {
    if (indentDepth == indents.length) {
      indents = java.util.Arrays.copyOf(indents, indentDepth * 2);
    }
    indents[indentDepth++] = indent;
    if (indent == NO_INDENT) {
      indent = flow ? INDENT : 0;
    } else if (!indentless) {
      indent += INDENT;
    }
  }

  private void popIndent() {
    indent = indents[--indentDepth];
  }

  private void writeIndicator(String indicator, boolean needWhitespace, boolean whitespaceAfter, boolean indentation) {
    if (!whitespace && needWhitespace) {
      column++;
      out.append(' ');
    }
    whitespace = whitespaceAfter;
    indention = indention && indentation;
    column += indicator.length();
    out.append(indicator);
  }

  private void writeIndent() {
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

  private void writePlain(String text) {
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

  private void writeSingleQuoted(String text) {
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

  private void writeDoubleQuoted(String text) {
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

  private void writeLiteral(String text) {
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
