package dev.bent.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The grammar of numbers and durations that every part of bent's input shares. */
class NumbersTest {

  @Test
  void decimalIntegersAreRead() {
    assertEquals(8080, Numbers.integer("8080", 1, 65535));
    assertEquals(0, Numbers.integer("0", 0, 1));
    assertEquals(-5, Numbers.integer(" -5 ", -10, 10));
    assertEquals(12.5, Numbers.decimal("12.5", 0, 100));
  }

  @Test
  void otherNotationsAreRefusedAndSaySo() {
    for (String form : new String[] {"0x10", "0b101", "0o17", "3_000", "1:20", ".inf", ".nan", "1e3", "+80"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Numbers.integer(form, 0, 65535), form);
      assertTrue(e.getMessage().contains("plain decimal digits"), e.getMessage());
    }
  }

  @Test
  void aLeadingZeroIsRefusedBecauseYaml11ReadsItAsOctal() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Numbers.integer("010", 0, 65535));
    assertEquals(
        "must be an integer in decimal without leading zeros, got \"010\" (YAML 1.1 would read a"
            + " leading 0 as octal)",
        e.getMessage());
  }

  @Test
  void aNumberBeyondSixtyFourBitsIsOutOfRangeNotACrash() {
    IllegalArgumentException e = assertThrows(
        IllegalArgumentException.class, () -> Numbers.integer("99999999999999999999", 1, 65535));
    assertEquals("must be at most 65535, got 99999999999999999999", e.getMessage());
  }

  @Test
  void aBareDurationIsMillisecondsAndUnitsScaleIt() {
    assertEquals(Duration.ofMillis(200), Durations.parse("200", Duration.ZERO));
    assertEquals(Duration.ofMillis(200), Durations.parse("200ms", Duration.ZERO));
    assertEquals(Duration.ofMillis(1500), Durations.parse("1.5s", Duration.ZERO));
    assertEquals(Duration.ofMinutes(2), Durations.parse("2m", Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> Durations.parse("0", Duration.ofMillis(1)));
    assertThrows(IllegalArgumentException.class, () -> Durations.parse("0x10", Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> Durations.parse("366d", Duration.ZERO));
    assertThrows(IllegalArgumentException.class,
        () -> Durations.parse("99999999999999999999999s", Duration.ZERO));
  }

  @Test
  void longValuesAreShortenedInMessages() {
    String value = "x".repeat(1_000_000);
    String shown = Texts.shorten(value);
    assertTrue(shown.length() < 100, shown);
    assertTrue(shown.endsWith("(1000000 characters)"), shown);
    String message = Texts.shortenWords("service \"" + value + "\" is listed twice");
    assertTrue(message.length() < 200 && message.endsWith("is listed twice"), message);
  }
}
