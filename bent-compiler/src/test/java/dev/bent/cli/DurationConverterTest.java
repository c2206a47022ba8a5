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
  void aBareNumberIsMillisecondsAsInTheMeshFile() {
    assertEquals(Duration.ofMillis(200), converter.convert("200"));
  }

  @Test
  void aNegativeNumberAnUnknownUnitOrAnotherNotationIsRejected() {
    for (String bad : new String[] {"-1s", "1h", "0x10", "1_000", "", "ms", ".5s"}) {
      assertThrows(CommandLine.TypeConversionException.class, () -> converter.convert(bad), bad);
    }
  }
}
