package dev.bent.cli;

import dev.bent.value.Durations;
import java.time.Duration;
import picocli.CommandLine;

/**
 * Reads {@code --debounce} and {@code --interval} with the same rules as durations in a mesh file
 * ({@link Durations}): {@code 200} and {@code 200ms} are the same, {@code 2s} and {@code 1m} too.
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    try {
      return Durations.parse(value, Duration.ZERO);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
