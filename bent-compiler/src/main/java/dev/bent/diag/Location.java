package dev.bent.diag;

/**
 * A place in the input: a file with a 1-based line and column, or a non-file origin such as an ECS
 * task ARN and label.
 *
 * <p>{@code toString()} renders compiler-style ({@code mesh.yaml:14:7}), which is what every
 * diagnostic prints in front of its message.
 */
public record Location(String origin, int line, int column) {

  /** A location for input that is not a text file (line and column unknown). */
  public static Location of(String origin) {
    return new Location(origin, 0, 0);
  }

  public static Location of(String file, int line, int column) {
    return new Location(file, line, column);
  }

  @Override
  public String toString() {
    if (line <= 0) {
      return origin;
    }
    return column <= 0 ? origin + ":" + line : origin + ":" + line + ":" + column;
  }
}
