package dev.bent.validate;

import com.google.protobuf.Message;
import dev.bent.diag.Diagnostic;
import dev.bent.diag.Location;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The checks behind {@code bent validate}: Envoy-grade validation of configuration files without
 * Envoy. A path is a node directory (its {@code bootstrap.yaml} and every file that names,
 * directly or not), a bootstrap file (the same), or a single filesystem-xDS file (a
 * DiscoveryResponse, checked alone). Each file is parsed strictly, every message is checked
 * against Envoy's protoc-gen-validate rules and deprecations ({@link ProtoRuleChecker}) and its
 * regexes and formats are compiled ({@link ValueCompileChecks}), and a node is checked as a whole
 * ({@link NodeConfigChecker}). Every problem is collected. {@link Profile} says whether bent's
 * layout policy applies too.
 */
public final class ConfigValidator {
  private static final List<String> BOOTSTRAP_NAMES = List.of("bootstrap.yaml", "bootstrap.yml", "bootstrap.json");

  private ConfigValidator() {}

  /**
   * What validating one path found.
   *
   * @param diagnostics errors and warnings, grouped by file in the order the files were read
   * @param files the local names of the files that were read
   */
  public record Report(List<Diagnostic> diagnostics, List<String> files) {
    /** Copies the lists. */
    public Report {
      diagnostics = List.copyOf(diagnostics);
      files = List.copyOf(files);
    }

    /** Whether Envoy would accept the configuration (warnings allowed). */
    public boolean valid() {
      return diagnostics.stream().noneMatch(Diagnostic::isError);
    }

    public long errorCount() {
      return diagnostics.stream().filter(Diagnostic::isError).count();
    }

    public long warningCount() {
      return diagnostics.size() - errorCount();
    }
  }

  /** Validates a node directory, a bootstrap file or a filesystem-xDS file as Envoy judges it. */
  public static Report validate(Path path) {
    return validate(path, Profile.ENVOY);
  }

  /**
   * Validates a node directory, a bootstrap file or a filesystem-xDS file, whichever it is, under
   * {@code profile} (bent's layout policy applies to a node as a whole, not to one xDS file).
   */
  public static Report validate(Path path, Profile profile) {
    List<Diagnostic> problems = new ArrayList<>();
    String name = path.toString();
    if (Files.isDirectory(path)) {
      Optional<Path> bootstrap = bootstrapIn(path);
      if (bootstrap.isEmpty()) {
        problems.add(noBootstrap(path));
        return new Report(problems, List.of());
      }
      return validateNode(bootstrap.get(), profile);
    }
    Optional<String> text = EnvoyFileReader.text(path, name, problems);
    if (text.isEmpty()) {
      return new Report(problems, List.of());
    }
    boolean xds = StrictParser.isDiscoveryResponse(text.get(), StrictParser.Format.forFileName(name));
    return xds ? validateFile(path) : validateNode(path, profile);
  }

  /** The bootstrap of a node directory: its bootstrap.yaml, .yml or .json, if there is one. */
  public static Optional<Path> bootstrapIn(Path directory) {
    return BOOTSTRAP_NAMES.stream().map(directory::resolve).filter(Files::isRegularFile).findFirst();
  }

  /** The error for a directory that {@link #bootstrapIn} finds no bootstrap in. */
  public static Diagnostic noBootstrap(Path directory) {
    return Diagnostic.error(Location.of(directory.toString()), "no " + String.join(", ", BOOTSTRAP_NAMES)
        + " in this directory; give a node directory, a bootstrap or an xDS file");
  }

  /** Validates a bootstrap and every file it names, directly or not, under {@code profile}. */
  public static Report validateNode(Path bootstrapFile, Profile profile) {
    ConfigLoader.Loaded loaded = ConfigLoader.load(bootstrapFile);
    List<Diagnostic> out = new ArrayList<>(loaded.problems());
    List<String> files = new ArrayList<>();
    files.add(bootstrapFile.toString());
    files.addAll(loaded.localNames().values());
    NodeConfig config = loaded.config();
    if (config != null) {
      out.addAll(RuleDiagnostics.check(config.bootstrapName(), "", config.bootstrap()));
      config.files().forEach((path, resources) -> out.addAll(rules(loaded.localName(path), resources)));
      for (Diagnostic d : NodeConfigChecker.check(config, new CheckMemo(), profile)) {
        out.add(new Diagnostic(d.severity(), Location.of(loaded.localName(d.location().origin())), d.message()));
      }
    }
    return new Report(byFile(out, files), files);
  }

  /** Validates one filesystem-xDS file alone: its resources and what needs no other file. */
  public static Report validateFile(Path file) {
    List<Diagnostic> out = new ArrayList<>();
    String name = file.toString();
    Optional<List<Message>> resources = EnvoyFileReader.resources(file, name, out);
    if (resources.isPresent()) {
      out.addAll(rules(name, resources.get()));
      out.addAll(NodeConfigChecker.checkFile(name, resources.get()));
    }
    return new Report(out, List.of(name));
  }

  private static List<Diagnostic> rules(String file, List<Message> resources) {
    List<Diagnostic> out = new ArrayList<>();
    for (int i = 0; i < resources.size(); i++) {
      out.addAll(RuleDiagnostics.check(file, "resources[" + i + "]", resources.get(i)));
    }
    return out;
  }

  /** A stable sort that groups diagnostics by file, in the order the files were read. */
  private static List<Diagnostic> byFile(List<Diagnostic> diagnostics, List<String> files) {
    List<Diagnostic> sorted = new ArrayList<>(diagnostics);
    sorted.sort(Comparator.comparingInt(d -> {
      int index = files.indexOf(d.location().origin());
      return index < 0 ? files.size() : index;
    }));
    return sorted;
  }
}
