package dev.bent.validate;

import com.google.protobuf.Message;
import dev.bent.diag.Diagnostic;
import dev.bent.diag.Location;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reader of one Envoy file from disk the way Envoy reads it: the format comes from the extension
 * ({@code .yaml}/{@code .yml} YAML, anything else JSON), the text is parsed strictly, and the
 * forms Envoy accepts but strict protobuf JSON refuses are warnings. Problems are added to a list
 * as diagnostics located at the file's name; nothing is thrown.
 */
final class EnvoyFileReader {
  private EnvoyFileReader() {}

  /** The file's text, or empty after reporting why it cannot be read. */
  static Optional<String> text(Path file, String name, List<Diagnostic> problems) {
    try {
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      problems.add(Diagnostic.error(Location.of(name), "no such file"));
    } catch (MalformedInputException e) {
      problems.add(Diagnostic.error(Location.of(name), "not UTF-8 text"));
    } catch (IOException e) {
      problems.add(Diagnostic.error(Location.of(name), "cannot read: " + describe(e)));
    }
    return Optional.empty();
  }

  /** Parses a bootstrap file, or returns empty after reporting why it cannot be. */
  static Optional<Bootstrap> bootstrap(Path file, String name, List<Diagnostic> problems) {
    Optional<StrictParser.Format> format = format(name, problems);
    Optional<String> text = format.isEmpty() ? Optional.empty() : text(file, name, problems);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      StrictParser.Parsed<Bootstrap> parsed =
          StrictParser.create().parseAsEnvoy(text.get(), format.get(), Bootstrap.getDefaultInstance());
      warn(name, parsed.warnings(), problems);
      return Optional.of(parsed.value());
    } catch (ParseException e) {
      report(name, e, problems);
      return Optional.empty();
    }
  }

  /** Parses a filesystem-xDS file into its resources, or returns empty after reporting why not. */
  static Optional<List<Message>> resources(Path file, String name, List<Diagnostic> problems) {
    Optional<StrictParser.Format> format = format(name, problems);
    Optional<String> text = format.isEmpty() ? Optional.empty() : text(file, name, problems);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      StrictParser.Parsed<List<Message>> parsed =
          StrictParser.create().parseDiscoveryResourcesAsEnvoy(text.get(), format.get());
      warn(name, parsed.warnings(), problems);
      return Optional.of(parsed.value());
    } catch (ParseException e) {
      report(name, e, problems);
      return Optional.empty();
    }
  }

  /** The format Envoy reads {@code name} in, warning when that is JSON by default. */
  static Optional<StrictParser.Format> format(String name, List<Diagnostic> problems) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".pb") || lower.endsWith(".pb_text")) {
      problems.add(Diagnostic.error(Location.of(name), "binary and text protos (.pb, .pb_text) cannot be"
          + " checked; write the file as YAML or JSON"));
      return Optional.empty();
    }
    StrictParser.Format format = StrictParser.Format.forFileName(name);
    if (format == StrictParser.Format.JSON && !lower.endsWith(".json")) {
      problems.add(Diagnostic.warning(Location.of(name), "the name ends in neither .yaml, .yml nor .json;"
          + " Envoy reads such a file as JSON"));
    }
    return Optional.of(format);
  }

  private static void warn(String name, List<ParseProblem> lenient, List<Diagnostic> problems) {
    lenient.forEach(p -> problems.add(Diagnostic.warning(Location.of(name), p.describe())));
  }

  private static void report(String name, ParseException e, List<Diagnostic> problems) {
    e.problems().forEach(p -> problems.add(Diagnostic.error(Location.of(name), p.describe())));
  }

  private static String describe(IOException e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
