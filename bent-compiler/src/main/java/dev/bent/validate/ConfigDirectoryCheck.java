package dev.bent.validate;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.bent.diag.Diagnostic;
import dev.bent.diag.Location;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A strict parse of a directory of Envoy configuration: in every node directory, {@code
 * bootstrap.yaml} as a {@code Bootstrap} and every other {@code .yaml}, {@code .yml} or {@code
 * .json} file as a {@code DiscoveryResponse}, through protobuf's JsonFormat, which rejects unknown
 * fields, unknown enum values and values of the wrong type. Envoy itself only warns about unknown
 * fields in dynamic files, so a typo would otherwise go unnoticed.
 *
 * <p>The directory is a node directory itself when it holds {@code bootstrap.yaml}; otherwise each
 * subdirectory is one. Symbolic links are followed and names starting with '.' are skipped, so a
 * live directory written by {@link dev.bent.write.GenerationWriter} (visible names through {@code
 * ..data}) and a golden directory of plain files check alike.
 *
 * <p>This checks the form of each file only: no protoc-gen-validate rules, no references between
 * files.
 */
public final class ConfigDirectoryCheck {
  private static final String BOOTSTRAP = "bootstrap.yaml";
  private static final ObjectMapper YAML =
      YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final JsonFormat.Parser PARSER = JsonFormat.parser();

  private ConfigDirectoryCheck() {}

  /** What a check found: the node directories and files it parsed, and every error. */
  public record Report(List<Path> nodeDirectories, int files, List<Diagnostic> errors) {
    public Report {
      nodeDirectories = List.copyOf(nodeDirectories);
      errors = List.copyOf(errors);
    }

    public boolean ok() {
      return errors.isEmpty();
    }
  }

  /**
   * Parses every node directory in {@code directory}; a problem in a file is an error in the
   * report, and only a failure to read is thrown.
   */
  public static Report check(Path directory) throws IOException {
    List<Diagnostic> errors = new ArrayList<>();
    List<Path> nodes = nodeDirectories(directory, errors);
    int files = 0;
    for (Path node : nodes) {
      for (Path file : configFiles(node)) {
        boolean bootstrap = file.equals(node.resolve(BOOTSTRAP));
        parse(file, bootstrap ? Bootstrap.newBuilder() : DiscoveryResponse.newBuilder(), errors);
        files++;
      }
    }
    return new Report(nodes, files, errors);
  }

  private static List<Path> nodeDirectories(Path directory, List<Diagnostic> errors) throws IOException {
    if (!Files.isDirectory(directory)) {
      errors.add(error(directory, "not a directory"));
      return List.of();
    }
    if (Files.isRegularFile(directory.resolve(BOOTSTRAP))) {
      return List.of(directory);
    }
    List<Path> nodes = new ArrayList<>();
    try (Stream<Path> children = Files.list(directory)) {
      for (Path child : children.sorted().toList()) {
        if (hidden(child) || !Files.isDirectory(child)) {
          continue;
        }
        if (Files.isRegularFile(child.resolve(BOOTSTRAP))) {
          nodes.add(child);
        } else {
          errors.add(error(child, "not a node directory: it has no " + BOOTSTRAP));
        }
      }
    }
    if (nodes.isEmpty() && errors.isEmpty()) {
      errors.add(error(directory, "no node directory here (a directory that holds " + BOOTSTRAP + ")"));
    }
    return nodes;
  }

  /** The configuration files of a node, through symbolic links, skipping hidden names. */
  private static List<Path> configFiles(Path node) throws IOException {
    List<Path> files = new ArrayList<>();
    Files.walkFileTree(node, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
            return dir.equals(node) || !hidden(dir) ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            String name = file.getFileName().toString();
            if (attributes.isRegularFile() && !hidden(file)
                && (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"))) {
              files.add(file);
            }
            return FileVisitResult.CONTINUE;
          }
        });
    files.sort(null);
    return files;
  }

  private static void parse(Path file, Message.Builder builder, List<Diagnostic> errors) throws IOException {
    JsonNode tree;
    try {
      tree = (file.toString().endsWith(".json") ? JSON : YAML).readTree(Files.readAllBytes(file));
    } catch (JsonProcessingException e) {
      errors.add(syntaxError(file, e));
      return;
    }
    String type = builder.getDescriptorForType().getFullName();
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      errors.add(error(file, "the file is empty; Envoy rejects an empty file (no resources is \"resources: []\")"));
    } else if (!tree.isObject()) {
      errors.add(error(file, "expected the fields of a " + type + ", found a " + tree.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
    } else {
      try {
        PARSER.usingTypeRegistry(AnyTypes.registryFor(tree)).merge(JSON.writeValueAsString(tree), builder);
      } catch (InvalidProtocolBufferException e) {
        errors.add(error(file, "not a valid " + type + ": " + e.getMessage()));
      }
    }
  }

  /** The place and reason of a syntax error: SnakeYAML's problem and its mark when it has them. */
  private static Diagnostic syntaxError(Path file, JsonProcessingException e) {
    String reason = e.getOriginalMessage();
    JsonLocation at = e.getLocation();
    Location location = at == null ? Location.of(file.toString())
        : Location.of(file.toString(), at.getLineNr(), at.getColumnNr());
    if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
      reason = yaml.getProblem();
      Mark mark = yaml.getProblemMark();
      location = Location.of(file.toString(), mark.getLine() + 1, mark.getColumn() + 1);
    }
    return Diagnostic.error(location, "not valid YAML or JSON: " + reason.lines().findFirst().orElse(""));
  }

  private static boolean hidden(Path path) {
    return path.getFileName().toString().startsWith(".");
  }

  private static Diagnostic error(Path path, String message) {
    return Diagnostic.error(Location.of(path.toString()), message);
  }
}
