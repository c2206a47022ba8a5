package dev.bent.value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * The one grammar of numbers in bent's input: every port, count, weight and percentage in a mesh
 * file, an annotation or a docker label is read here, whether YAML typed it as a number or as a
 * string.
 *
 * <p>An integer is written in decimal: an optional minus sign, then {@code 0} or digits that do not
 * start with {@code 0} ({@code 8080}, {@code -1}). A decimal adds an optional fraction
 * ({@code 12.5}). Nothing else is a number, although a YAML 1.1 parser reads more: hexadecimal
 * {@code 0x10}, binary {@code 0b101}, octal {@code 010} (8, where YAML 1.2 reads 10), digit
 * separators {@code 3_000}, base-60 {@code 1:20} (80), {@code .inf} and {@code .nan}.
 * Reasoning: those forms mean different values in different YAML versions and tools, and a port
 * written {@code 010} is far more likely a typo than a wish for 8; refusing them with a message is
 * safer than guessing. Values outside the field's range, however many digits, are refused with the
 * range.
 *
 * <p>Failures throw {@link IllegalArgumentException} with a message that completes "port ...",
 * such as {@code must be at most 65535, got 99999999999999999999}.
 */
public final class Numbers {
  private static final Pattern INTEGER = Pattern.compile("-?(?:0|[1-9][0-9]*)");
  private static final Pattern DECIMAL = Pattern.compile("-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?");
  private static final Pattern LEADING_ZERO = Pattern.compile("[-+]?0[0-9_]+(?:\\.[0-9]*)?");
  private static final Pattern OTHER_NOTATION =
      Pattern.compile("[-+]?(?:0[xXoObB][0-9a-fA-F_]*|[0-9][0-9_]*(?::[0-9_]+)+(?:\\.[0-9_]*)?"
          + "|[0-9.]*_[0-9_.]*|\\.(?:inf|Inf|INF|nan|NaN|NAN)|[0-9.]+[eE][-+]?[0-9]+|\\+[0-9.]+)");

  private Numbers() {}

  /** A decimal integer in [{@code min}, {@code max}]. */
  public static long integer(String text, long min, long max) {
    String t = text.strip();
    if (!INTEGER.matcher(t).matches()) {
      throw new IllegalArgumentException(notANumber(t, "an integer"));
    }
    return inRange(new BigDecimal(new BigInteger(t)), t, min, max).longValueExact();
  }

  /** A decimal number (integer or with a fraction) in [{@code min}, {@code max}]. */
  public static double decimal(String text, double min, double max) {
    String t = text.strip();
    if (!DECIMAL.matcher(t).matches()) {
      throw new IllegalArgumentException(notANumber(t, "a number"));
    }
    return inRange(new BigDecimal(t), t, BigDecimal.valueOf(min), BigDecimal.valueOf(max))
        .doubleValue();
  }

  /** True when {@code text} is written in this grammar's integer form. */
  public static boolean isInteger(String text) {
    return INTEGER.matcher(text.strip()).matches();
  }

  /** True when {@code text} is written in this grammar's decimal form. */
  public static boolean isDecimal(String text) {
    return DECIMAL.matcher(text.strip()).matches();
  }

  private static BigDecimal inRange(BigDecimal value, String text, long min, long max) {
    return inRange(value, text, BigDecimal.valueOf(min), BigDecimal.valueOf(max));
  }

  private static BigDecimal inRange(BigDecimal value, String text, BigDecimal min, BigDecimal max) {
    if (value.compareTo(min) < 0) {
      throw new IllegalArgumentException(
          "must be at least " + min.toPlainString() + ", got " + Texts.shorten(text));
    }
    if (value.compareTo(max) > 0) {
      throw new IllegalArgumentException(
          "must be at most " + max.toPlainString() + ", got " + Texts.shorten(text));
    }
    return value;
  }

  private static String notANumber(String text, String what) {
    String got = "got \"" + Texts.shorten(text) + "\"";
    if (LEADING_ZERO.matcher(text).matches()) {
      return "must be " + what + " in decimal without leading zeros, " + got
          + " (YAML 1.1 would read a leading 0 as octal)";
    }
    if (OTHER_NOTATION.matcher(text).matches()) {
      return "must be " + what + " in plain decimal digits, " + got
          + " (bent does not read 0x, 0o, 0b, 1_000, 1:20, exponents, a leading + or .inf)";
    }
    return "must be " + what + ", " + got;
  }
}
