package dev.bent.resolve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where credentials come from: htpasswd and certificate files (relative paths are resolved against
 * the mesh file's directory), environment variables, and the clock certificates are checked
 * against. Tests pass their own environment and clock.
 */
public record Credentials(Path baseDirectory, UnaryOperator<String> environment, Clock clock) {

  /** Credentials checked against the system clock. */
  public Credentials(Path baseDirectory, UnaryOperator<String> environment) {
    this(baseDirectory, environment, Clock.systemUTC());
  }

  /** Files beside {@code meshFile}, and this process's environment. */
  public static Credentials beside(Path meshFile) {
    Path parent = meshFile.toAbsolutePath().getParent();
    return new Credentials(parent == null ? Path.of(".") : parent, System::getenv);
  }

  /** The same files and environment, checked against {@code clock}. */
  public Credentials at(Clock clock) {
    return new Credentials(baseDirectory, environment, clock);
  }

  Path resolve(String path) {
    return baseDirectory.resolve(path);
  }

  String readFile(String path) throws IOException {
    return Files.readString(resolve(path), StandardCharsets.UTF_8);
  }

  byte[] readBytes(String path) throws IOException {
    return Files.readAllBytes(resolve(path));
  }

  Optional<String> env(String name) {
    return Optional.ofNullable(environment.apply(name));
  }
}
