package dev.bent.emit;

/**
 * What a YAML scalar's text allows: which styles can hold it unchanged, and whether it spans lines.
 *
 * <p>The rules are YAML 1.1's as common block emitters apply them: leading or trailing blanks,
 * indicator characters, line breaks and characters outside the printable set each rule out the
 * plain style, some also the quoted or block ones; double quotes can hold anything.
 *
 * @param empty the text is empty
 * @param multiline the text holds a line break
 * @param plainAllowed the text can be written without quotes in block context
 * @param singleQuotedAllowed the text can be written in single quotes
 * @param blockAllowed the text can be written as a literal block
 */
record ScalarAnalysis(
    boolean empty, boolean multiline, boolean plainAllowed, boolean singleQuotedAllowed, boolean blockAllowed) {
  private static final ScalarAnalysis EMPTY = new ScalarAnalysis(true, false, true, true, false);
  private static final ScalarAnalysis ANY_STYLE = new ScalarAnalysis(false, false, true, true, true);
  private static final String LEADING_INDICATORS = "#,[]{}&*!|>'\"%@`";
  private static final String INNER_FLOW_INDICATORS = ",?[]{}";

  /** Line breaks as YAML 1.1 counts them (not '\r', which is a special character). */
  static boolean isLineBreak(int c) {
    return c == '\n' || c == '\u0085' || c == '\u2028' || c == '\u2029';
  }

  private static boolean isBlankOrNull(int c) {
    return c == 0 || c == ' ' || c == '\t';
  }

  private static boolean isBlankNullOrAnyBreak(int c) {
    return isBlankOrNull(c) || c == '\r' || isLineBreak(c);
  }

  /** Analyses {@code text}. */
  static ScalarAnalysis of(String text) {
    if (text.isEmpty()) {
      return EMPTY;
    }
    if (isWord(text)) {
      return ANY_STYLE;
    }
    boolean blockIndicators = false;
    boolean lineBreaks = false;
    boolean special = false;
    boolean leadingSpace = false;
    boolean leadingBreak = false;
    boolean trailingSpace = false;
    boolean trailingBreak = false;
    boolean breakSpace = false;
    boolean spaceBreak = false;
    if (text.startsWith("---") || text.startsWith("...")) {
      blockIndicators = true;
    }
    boolean afterBlank = true;
    boolean beforeBlank = text.length() == 1 || isBlankNullOrAnyBreak(text.codePointAt(1));
    boolean previousSpace = false;
    boolean previousBreak = false;
    int index = 0;
    while (index < text.length()) {
      int c = text.codePointAt(index);
      if (index == 0) {
        if (LEADING_INDICATORS.indexOf(c) >= 0) {
          blockIndicators = true;
        }
        if ((c == '?' || c == ':' || c == '-') && beforeBlank) {
          blockIndicators = true;
        }
      } else {
        if ((c == ':' && beforeBlank) || (c == '#' && afterBlank)) {
          blockIndicators = true;
        }
      }
      boolean lineBreak = isLineBreak(c);
      lineBreaks |= lineBreak;
      if (!(c == '\n' || (0x20 <= c && c <= 0x7E)) && !printableUnicode(c)) {
        special = true;
      }
      if (c == ' ') {
        leadingSpace |= index == 0;
        trailingSpace |= index == text.length() - 1;
        breakSpace |= previousBreak;
        previousSpace = true;
        previousBreak = false;
      } else if (lineBreak) {
        leadingBreak |= index == 0;
        trailingBreak |= index == text.length() - 1;
        spaceBreak |= previousSpace;
        previousSpace = false;
        previousBreak = true;
      } else {
        previousSpace = false;
        previousBreak = false;
      }
      index += Character.charCount(c);
      afterBlank = isBlankOrNull(c) || lineBreak;
      // As the emitters this matches do: the next character is looked at only when two remain,
      // and the current character being a break counts as a blank after it.
      beforeBlank = true;
      if (index + 1 < text.length()) {
        int next = index + Character.charCount(text.codePointAt(index));
        if (next < text.length()) {
          beforeBlank = isBlankOrNull(text.codePointAt(next)) || lineBreak;
        }
      }
    }
    boolean plain = !(leadingSpace || leadingBreak || trailingSpace || trailingBreak || leadingZeroNumber(text));
    boolean singleQuoted = true;
    boolean block = !trailingSpace;
    if (breakSpace) {
      plain = false;
      singleQuoted = false;
    }
    if (spaceBreak || special) {
      plain = false;
      singleQuoted = false;
      block = false;
    }
    if (blockIndicators) {
      plain = false;
    }
    return new ScalarAnalysis(false, lineBreaks, plain, singleQuoted, block);
  }

  /**
   * Whether {@code text} is made of letters, digits, '_', '.', '/' and '-' only, and is not a
   * document marker, a lone '-' or an octal-looking number: the common case, which any style holds.
   */
  private static boolean isWord(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '_' || c == '.' || c == '/' || c == '-')) {
        return false;
      }
    }
    return !text.equals("-") && !text.startsWith("---") && !text.startsWith("...") && !leadingZeroNumber(text);
  }

  /** Printable beyond ASCII: NEL and the printable BMP and supplementary ranges. */
  private static boolean printableUnicode(int c) {
    return c == 0x85 || (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
  }

  /** A '0' followed only by digits and underscores, which YAML 1.1 reads as an octal number. */
  private static boolean leadingZeroNumber(String text) {
    if (text.length() < 2 || text.charAt(0) != '0') {
      return false;
    }
    for (int i = 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!((c >= '0' && c <= '9') || c == '_')) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code c} may be written as itself inside double quotes. */
  static boolean printable(int c) {
    return (c >= 0x20 && c <= 0x7E) || c == 0x9 || c == 0xA || c == 0xD || printableUnicode(c);
  }
}
