package dev.bent.source;

import dev.bent.diag.Diagnostics;
import dev.bent.diag.Location;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The limits on a mesh file, checked before the YAML parser sees it, in one pass over the text.
 *
 * <p>Reasoning: the parser scans a line in time quadratic in its length (its read window is copied
 * as it grows), so a line of a few megabytes costs minutes. Checking the size, the encoding, the
 * characters and the length of every line first keeps the whole read linear in the size of the
 * file, and a refused file costs less than an ordinary compile.
 */
public final class YamlLimits {
  /** The largest mesh file, in bytes (32 MiB). */
  public static final int MAX_FILE_BYTES = 32 * 1024 * 1024;
  /** The longest line, in characters. */
  public static final int MAX_LINE_CHARS = 16 * 1024;
  /** The longest value (a scalar or a key), in characters, however many lines it spans. */
  public static final int MAX_VALUE_CHARS = 16 * 1024;
  /**
   * The deepest nesting of maps and lists. Reasoning: a mesh file nests about eight levels; the
   * tree is built recursively, and a hundred levels keep it far from any thread's stack limit.
   */
  public static final int MAX_DEPTH = 100;
  /** How many values aliases may stand for in all (an alias to a map of 3 values stands for 4). */
  public static final long MAX_ALIASED_VALUES = 100_000;

  private YamlLimits() {}

  /**
   * Reads {@code file} as UTF-8 text within the size limit; a file too large or not UTF-8 is
   * reported (with the line and column of the first bad byte) and yields an empty result.
   *
   * @throws IOException when the file cannot be read
   */
  public static Optional<String> readText(Path file, String origin, Diagnostics diagnostics) throws IOException {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_FILE_BYTES + 1);
    }
    if (bytes.length > MAX_FILE_BYTES) {
      diagnostics.error(Location.of(origin), "the file is larger than " + MAX_FILE_BYTES / (1024 * 1024)
          + " MiB, the largest mesh file bent reads");
      return Optional.empty();
    }
    return decode(bytes, origin, diagnostics);
  }

  /** Decodes UTF-8, reporting the place of the first byte that is not UTF-8. */
  static Optional<String> decode(byte[] bytes, String origin, Diagnostics diagnostics) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int offset = in.position();
      int line = 1;
      int column = 1;
      for (int i = 0; i < offset; i++) {
        if (bytes[i] == '\n') {
          line++;
          column = 1;
        } else if ((bytes[i] & 0xC0) != 0x80) {
          column++;
        }
      }
      diagnostics.error(Location.of(origin, line, column), String.format(
          "the file is not UTF-8 text: byte 0x%02X at offset %d does not belong here;"
              + " save the file as UTF-8", bytes[offset] & 0xFF, offset));
      return Optional.empty();
    }
    out.flip();
    return Optional.of(out.toString());
  }

  /**
   * Checks {@code text} against the limits on size, line length and characters; reports the first
   * problem with its place and returns false, or returns true.
   */
  static boolean check(String origin, String text, Diagnostics diagnostics) {
    if (text.length() > MAX_FILE_BYTES) {
      diagnostics.error(Location.of(origin), "the text is longer than " + MAX_FILE_BYTES / (1024 * 1024)
          + " MiB, the largest mesh file bent reads");
      return false;
    }
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
        lineStart = i + 1;
        continue;
      }
      int column = i - lineStart + 1;
      if (column > MAX_LINE_CHARS) {
        diagnostics.error(Location.of(origin, line, column), "line " + line + " is longer than "
            + String.format("%,d", MAX_LINE_CHARS) + " characters, the longest line bent reads");
        return false;
      }
      if (!allowed(text, i, c)) {
        diagnostics.error(Location.of(origin, line, column), String.format(
            "character U+%04X is not allowed in YAML; remove it", (int) c));
        return false;
      }
      if (Character.isHighSurrogate(c)) {
        i++;
      }
    }
    return true;
  }

  /** The characters YAML allows in a document (its c-printable production). */
  private static boolean allowed(String text, int i, char c) {
    if (c == '\t' || c == '\r' || (c >= 0x20 && c <= 0x7E) || c == 0x85) {
      return true;
    }
    if (Character.isHighSurrogate(c)) {
      return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
    }
    return (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
  }
}
