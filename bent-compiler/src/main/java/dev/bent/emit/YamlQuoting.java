package dev.bent.emit;

import java.util.Set;

/**
 * Which style bent asks for each scalar: quotes for whatever a YAML reader could take for something
 * other than the string it is.
 *
 * <p>Values are double-quoted when empty, when they are a YAML 1.1 boolean or null word
 * ({@code yes}, {@code off}, {@code ~}...), when they look like a number (so that {@code "8080"}
 * stays a string), when they hold a flow indicator, a comment start or a {@code ": "}, and when they
 * start with ':' (HTTP/2 pseudo-headers such as {@code :path}, which some parsers read as a mapping
 * indicator). Values with a line break are literal blocks. Keys are double-quoted when they are such
 * a word, start like a number, or hold a control character. Anything else is asked for plain; the
 * writer still quotes what plain style cannot hold.
 */
final class YamlQuoting {
  private static final Set<String> RESERVED = Set.of(
      "false", "False", "FALSE", "n", "N", "no", "No", "NO", "null", "Null", "NULL", "on", "On", "ON",
      "off", "Off", "OFF", "true", "True", "TRUE", "y", "Y", "yes", "Yes", "YES");

  private YamlQuoting() {}

  static ScalarStyle key(String name) {
    return reserved(name) || startsLikeNumber(name) || hasControl(name)
        ? ScalarStyle.DOUBLE_QUOTED
        : ScalarStyle.PLAIN;
  }

  static ScalarStyle value(String text) {
    if (text.isEmpty()) {
      return ScalarStyle.DOUBLE_QUOTED;
    }
    if (text.indexOf('\n') >= 0) {
      return ScalarStyle.LITERAL;
    }
    return text.charAt(0) == ':' || reserved(text) || hasIndicator(text) || plainNumber(text)
        ? ScalarStyle.DOUBLE_QUOTED
        : ScalarStyle.PLAIN;
  }

  private static boolean reserved(String text) {
    if (text.isEmpty()) {
      return true;
    }
    return switch (text.charAt(0)) {
      case 'f', 'n', 'o', 't', 'y', 'F', 'N', 'O', 'T', 'Y' -> RESERVED.contains(text);
      case '~' -> true;
      default -> false;
    };
  }

  private static boolean startsLikeNumber(String name) {
    if (name.isEmpty()) {
      return false;
    }
    char c = name.charAt(0);
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.';
  }

  private static boolean hasControl(String name) {
    for (int i = 0; i < name.length(); i++) {
      if (name.charAt(i) < 0x20) {
        return true;
      }
    }
    return false;
  }

  /** A flow indicator anywhere, a '#' at the start or after a blank, a ':' at the end or before one. */
  private static boolean hasIndicator(String text) {
    for (int i = 0; i < text.length(); i++) {
      switch (text.charAt(i)) {
        case '[', ']', '{', '}', ',' -> {
          return true;
        }
        case '#' -> {
          if (i == 0 || isBlank(text.charAt(i - 1))) {
            return true;
          }
        }
        case ':' -> {
          if (i == text.length() - 1 || isBlank(text.charAt(i + 1))) {
            return true;
          }
        }
        default -> { }
      }
    }
    return false;
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  /** An optional sign, digits, and an optional '.' with more digits; every part may be empty. */
  private static boolean plainNumber(String text) {
    int i = 0;
    int n = text.length();
    if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
      i++;
    }
    while (i < n && isDigit(text.charAt(i))) {
      i++;
    }
    if (i < n && text.charAt(i) == '.') {
      i++;
      while (i < n && isDigit(text.charAt(i))) {
        i++;
      }
    }
    return i == n;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** The double-quoted escape of {@code c} when YAML has a short one, else null. */
  static String escape(char c) {
    return switch (c) {
      case '\0' -> "\\0";
      case '\u0007' -> "\\a";
      case '\b' -> "\\b";
      case '\t' -> "\\t";
      case '\n' -> "\\n";
      case '\u000B' -> "\\v";
      case '\f' -> "\\f";
      case '\r' -> "\\r";
      case '\u001B' -> "\\e";
      case '"' -> "\\\"";
      case '\\' -> "\\\\";
      case '\u0085' -> "\\N";
      case '\u00A0' -> "\\_";
      case '\u2028' -> "\\L";
      case '\u2029' -> "\\P";
      default -> null;
    };
  }
}
