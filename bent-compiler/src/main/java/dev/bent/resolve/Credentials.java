package dev.bent.resolve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where gateway credentials come from: htpasswd files (relative paths are resolved against the
 * mesh file's directory) and environment variables. Tests pass their own environment.
 */
public record Credentials(Path baseDirectory, UnaryOperator<String> environment) {

  /** Files beside {@code meshFile}, and this process's environment. */
  public static Credentials beside(Path meshFile) {
    Path parent = meshFile.toAbsolutePath().getParent();
    return new Credentials(parent == null ? Path.of(".") : parent, System::getenv);
  }

  Path resolve(String path) {
    return baseDirectory.resolve(path);
  }

  String readFile(String path) throws IOException {
    return Files.readString(resolve(path), StandardCharsets.UTF_8);
  }

  Optional<String> env(String name) {
    return Optional.ofNullable(environment.apply(name));
  }
}
