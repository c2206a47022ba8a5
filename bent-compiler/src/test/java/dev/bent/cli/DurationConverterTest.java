package dev.bent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Durations as written on the command line. */
class DurationConverterTest {
  private final DurationConverter converter = new DurationConverter();

  @Test
  void millisecondsSecondsAndMinutesAreRead() {
    assertEquals(Duration.ofMillis(200), converter.convert("200ms"));
    assertEquals(Duration.ofMillis(1500), converter.convert("1.5s"));
    assertEquals(Duration.ofMinutes(2), converter.convert("2m"));
    assertEquals(Duration.ZERO, converter.convert("0ms"));
  }

  @Test
  void aNumberWithoutUnitOrANegativeOneIsRejected() {
    assertThrows(CommandLine.TypeConversionException.class, () -> converter.convert("200"));
    assertThrows(CommandLine.TypeConversionException.class, () -> converter.convert("-1s"));
    assertThrows(CommandLine.TypeConversionException.class, () -> converter.convert("1h"));
  }
}
