package dev.bent.emit;

import java.util.Arrays;

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

  private final YamlCursor cursor;
  /** Open collections, innermost last: true for a sequence. */
  private boolean[] sequences = new boolean[16];
  /** For each open mapping, whether its current key was written as a simple key. */
  private boolean[] simpleKeys = new boolean[16];
  private int depth;
  private boolean mappingContext;
  private boolean simpleKeyContext;

  YamlText(StringBuilder out) {
    this.cursor = new YamlCursor(out);
  }

  /** Starts a mapping; an empty one is written whole, and needs no {@link #endMapping}. */
  void startMapping(boolean empty) {
    beforeNode();
    if (empty) {
      cursor.writeIndicator("{", true, true, false);
      cursor.writeIndicator("}", false, false, false);
      return;
    }
    cursor.increaseIndent(false, false);
    push(false);
  }

  void endMapping() {
    cursor.popIndent();
    depth--;
  }

  /** Starts a sequence; an empty one is written whole, and needs no {@link #endSequence}. */
  void startSequence(boolean empty) {
    beforeNode();
    if (empty) {
      cursor.writeIndicator("[", true, true, false);
      cursor.writeIndicator("]", false, false, false);
      return;
    }
    cursor.increaseIndent(false, mappingContext && !cursor.atIndention());
    push(true);
  }

  void endSequence() {
    cursor.popIndent();
    depth--;
  }

  /** The next key of the innermost mapping. */
  void key(String name) {
    cursor.writeIndent();
    ScalarAnalysis analysis = ScalarAnalysis.of(name);
    ScalarStyle requested = YamlQuoting.key(name);
    boolean simple = name.length() < MAX_SIMPLE_KEY && !analysis.empty() && !analysis.multiline();
    simpleKeys[depth - 1] = simple;
    mappingContext = true;
    if (simple) {
      simpleKeyContext = true;
    } else {
      cursor.writeIndicator("?", true, false, true);
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
    cursor.writeIndent();
  }

  private void push(boolean sequence) {
    if (depth == sequences.length) {
      sequences = Arrays.copyOf(sequences, depth * 2);
      simpleKeys = Arrays.copyOf(simpleKeys, depth * 2);
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
      cursor.writeIndent();
      cursor.writeIndicator("-", true, false, true);
      mappingContext = false;
    } else {
      if (simpleKeys[depth - 1]) {
        cursor.writeIndicator(":", false, false, false);
      } else {
        cursor.writeIndent();
        cursor.writeIndicator(":", true, false, true);
      }
      mappingContext = true;
    }
    simpleKeyContext = false;
  }

  private void scalar(String text, ScalarStyle requested, ScalarAnalysis analysis) {
    cursor.increaseIndent(true, false);
    switch (choose(requested, analysis)) {
      case PLAIN -> cursor.writePlain(text);
      case SINGLE_QUOTED -> cursor.writeSingleQuoted(text);
      case DOUBLE_QUOTED -> cursor.writeDoubleQuoted(text);
      case LITERAL -> cursor.writeLiteral(text);
    }
    cursor.popIndent();
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
}
