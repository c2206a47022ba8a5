package dev.bent.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Reads durations the way people write them on a command line: {@code 200ms}, {@code 2s}, {@code 1.5s}, {@code 1m}. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m)");

  @Override
  public Duration convert(String value) {
    Matcher m = FORM.matcher(value.strip());
    if (!m.matches()) {
      throw new CommandLine.TypeConversionException(
          "\"" + value + "\" is not a duration; write it like 200ms, 2s or 1m");
    }
    double amount = Double.parseDouble(m.group(1));
    double millis =
        switch (m.group(2)) {
          case "ms" -> amount;
          case "s" -> amount * 1000;
          default -> amount * 60_000;
        };
    return Duration.ofNanos(Math.round(millis * 1_000_000));
  }
}
