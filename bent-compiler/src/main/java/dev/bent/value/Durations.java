package dev.bent.value;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one grammar of durations in bent's input, for the mesh file's annotations and for the
 * command line ({@code --debounce}, {@code --interval}) alike.
 *
 * <p>A duration is a decimal number (see {@link Numbers}) with an optional unit: {@code ms},
 * {@code s} or {@code m}. A bare number is milliseconds ({@code 250} is {@code 250ms}), as in the
 * seed's mesh files. Fractions are allowed ({@code 1.5s}) and rounded to whole milliseconds; the
 * longest duration is a year.
 */
public final class Durations {
  /** The longest duration accepted anywhere. */
  public static final Duration MAX = Duration.ofDays(365);

  private static final Pattern FORM =
      Pattern.compile("(-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?)\\s*(ms|s|m)?");

  private Durations() {}

  /**
   * Parses {@code text}; throws {@link IllegalArgumentException} with a message that completes
   * "--debounce ..." when it is not a duration from {@code min} to a year.
   */
  public static Duration parse(String text, Duration min) {
    Matcher m = FORM.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "must be a duration (milliseconds such as \"250\", or \"250ms\", \"1.5s\", \"1m\"), got \""
              + Texts.shorten(text) + "\"");
    }
    String unit = m.group(2) == null ? "ms" : m.group(2);
    BigDecimal perUnit = BigDecimal.valueOf(switch (unit) {
      case "s" -> 1_000;
      case "m" -> 60_000;
      default -> 1;
    });
    BigDecimal millis = new BigDecimal(m.group(1)).multiply(perUnit);
    if (millis.compareTo(BigDecimal.valueOf(min.toMillis())) < 0
        || millis.compareTo(BigDecimal.valueOf(MAX.toMillis())) > 0) {
      throw new IllegalArgumentException(
          "must be at least " + describe(min) + " and at most a year, got \"" + Texts.shorten(text) + "\"");
    }
    return Duration.ofMillis(millis.setScale(0, RoundingMode.HALF_UP).longValueExact());
  }

  private static String describe(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 && ms > 0 ? ms / 1000 + "s" : ms + "ms";
  }
}
