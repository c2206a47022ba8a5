package dev.bent;

import dev.bent.diag.Diagnostic;
import dev.bent.diag.Diagnostics;
import dev.bent.diag.Location;
import dev.bent.diag.Suggestions;
import dev.bent.emit.MeshEmitter;
import dev.bent.explain.Explainer;
import dev.bent.emit.NodeFiles;
import dev.bent.ir.MeshPlan;
import dev.bent.ir.NodePlan;
import dev.bent.model.Mesh;
import dev.bent.resolve.Credentials;
import dev.bent.resolve.Resolver;
import dev.bent.source.MeshFileReader;
import dev.bent.diag.InternalException;
import dev.bent.translate.NodeResources;
import dev.bent.translate.SharedResources;
import dev.bent.translate.Translator;
import dev.bent.validate.NodeConfig;
import dev.bent.validate.NodeConfigChecker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The one entry point to bent's pipeline: source, resolve, translate, emit (and validate). The CLI,
 * watch mode and the Maven plugin call only this.
 *
 * <p>Bad input throws {@link dev.bent.diag.InvalidInputException} with every problem found;
 * nothing is returned, so nothing can be written.
 */
public final class Compiler {
  private Compiler() {}

  /** The result of a compile: the files of each selected node, and the warnings. */
  public record Compilation(Map<String, NodeFiles> nodes, List<Diagnostic> warnings) {
    public Compilation {
      nodes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * Reads and compiles the mesh file at {@code file}.
   *
   * @param nodes the nodes to compile; empty for every node
   * @param envoyDirOf the absolute node directory Envoy will see, for each node name
   */
  public static Compilation compileFile(Path file, List<String> nodes, UnaryOperator<String> envoyDirOf) {
    Diagnostics diagnostics = new Diagnostics();
    Mesh mesh = MeshFileReader.read(file, file.toString(), diagnostics);
    return compile(mesh, diagnostics, nodes, envoyDirOf, Credentials.beside(file));
  }

  /**
   * Compiles a mesh already read; {@code diagnostics} may hold problems found while reading it.
   * Gateway credentials come from this process's environment and files in the working directory.
   */
  public static Compilation compile(
      Mesh mesh, Diagnostics diagnostics, List<String> nodes, UnaryOperator<String> envoyDirOf) {
    return compile(mesh, diagnostics, nodes, envoyDirOf, new Credentials(Path.of("."), System::getenv));
  }

  /** Compiles a mesh already read, with the given source of gateway credentials. */
  public static Compilation compile(
      Mesh mesh, Diagnostics diagnostics, List<String> nodes, UnaryOperator<String> envoyDirOf,
      Credentials credentials) {
    MeshPlan plan = Resolver.resolve(mesh, diagnostics, credentials);
    List<NodePlan> selected = select(plan, mesh, nodes, diagnostics);
    diagnostics.throwIfErrors();
    SharedResources shared = Translator.shared(plan);
    MeshEmitter emitter = new MeshEmitter(shared);
    Map<String, NodeFiles> out = new LinkedHashMap<>();
    List<Diagnostic> invalid = new ArrayList<>(
        NodeConfigChecker.checkClusters("egress clusters", shared.egressClusters()));
    Set<com.google.protobuf.Message> sharedOnce = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    sharedOnce.addAll(shared.egressClusters());
    for (NodePlan node : selected) {
      String envoyDir = envoyDirOf.apply(node.name());
      NodeResources resources = Translator.node(plan, node, envoyDir);
      invalid.addAll(validate(envoyDir, resources, shared, sharedOnce));
      out.put(node.name(), emitter.emit(resources));
    }
    if (!invalid.isEmpty()) {
      throw new InternalException(invalid);
    }
    return new Compilation(out, diagnostics.warnings());
  }

  /** The validate step: what Envoy would reject in one node's output (a bug in bent if any). */
  private static List<Diagnostic> validate(
      String envoyDir, NodeResources resources, SharedResources shared, Set<com.google.protobuf.Message> sharedOnce) {
    Map<String, List<com.google.protobuf.Message>> files = new LinkedHashMap<>();
    resources.dynamicFiles(shared).forEach((path, messages) -> files.put(envoyDir + "/" + path, messages));
    return NodeConfigChecker.check(
        new NodeConfig(envoyDir + "/" + NodeFiles.BOOTSTRAP, resources.bootstrap(), files), sharedOnce);
  }

  /**
   * A readable summary of what {@code node}'s Envoy will do, with where each value came from.
   * Bad input throws like a compile.
   */
  public static String explain(Path file, String node) {
    Diagnostics diagnostics = new Diagnostics();
    Mesh mesh = MeshFileReader.read(file, file.toString(), diagnostics);
    MeshPlan plan = Resolver.resolve(mesh, diagnostics, Credentials.beside(file));
    List<NodePlan> selected = select(plan, mesh, List.of(node), diagnostics);
    diagnostics.throwIfErrors();
    return Explainer.explain(plan, selected.get(0));
  }

  private static List<NodePlan> select(
      MeshPlan plan, Mesh mesh, List<String> requested, Diagnostics diagnostics) {
    Map<String, NodePlan> byName = new LinkedHashMap<>();
    plan.nodes().forEach(n -> byName.put(n.name(), n));
    if (requested.isEmpty()) {
      if (mesh.nodes().isEmpty() && !diagnostics.hasErrors()) {
        diagnostics.error(Location.of(mesh.origin()), "the mesh has no nodes; nothing to compile");
      }
      return List.copyOf(byName.values());
    }
    List<NodePlan> selected = new ArrayList<>();
    for (String name : requested) {
      NodePlan node = byName.get(name);
      if (node != null) {
        if (!selected.contains(node)) {
          selected.add(node);
        }
      } else if (mesh.nodes().stream().noneMatch(n -> n.name().equals(name))) {
        diagnostics.error(
            Location.of(mesh.origin()),
            "no node named \"" + name + "\"" + Suggestions.didYouMean(name, byName.keySet())
                + "; nodes: " + listed(byName.keySet()));
      }
    }
    return selected;
  }

  /** The names, or the first of them when there are many (an ECS scan has a node per task). */
  private static String listed(java.util.Collection<String> names) {
    int shown = 20;
    if (names.size() <= shown) {
      return String.join(", ", names);
    }
    return String.join(", ", names.stream().limit(shown).toList())
        + ", ... (" + (names.size() - shown) + " more)";
  }
}
