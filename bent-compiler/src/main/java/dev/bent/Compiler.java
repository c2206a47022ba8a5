package dev.bent;

import dev.bent.diag.Diagnostic;
import dev.bent.diag.Diagnostics;
import dev.bent.diag.Location;
import dev.bent.diag.Suggestions;
import dev.bent.emit.MeshEmitter;
import dev.bent.explain.Explainer;
import dev.bent.emit.NodeFiles;
import dev.bent.ir.CertificateExpiry;
import dev.bent.ir.MeshPlan;
import dev.bent.ir.TlsPlan;
import dev.bent.ir.NodePlan;
import dev.bent.model.Mesh;
import dev.bent.resolve.Credentials;
import dev.bent.resolve.Resolver;
import dev.bent.source.MeshFileReader;
import dev.bent.diag.InternalException;
import dev.bent.translate.NodeResources;
import dev.bent.translate.SharedResources;
import dev.bent.translate.Translator;
import dev.bent.validate.CheckMemo;
import java.nio.file.Path;
import java.util.ArrayList;
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
  public record Compilation(
      Map<String, NodeFiles> nodes, List<Diagnostic> warnings, java.util.Optional<CertificateExpiry> certificates) {
    public Compilation {
      nodes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
      warnings = List.copyOf(warnings);
    }

    /** A compilation without mesh TLS. */
    public Compilation(Map<String, NodeFiles> nodes, List<Diagnostic> warnings) {
      this(nodes, warnings, java.util.Optional.empty());
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
    return compile(mesh, diagnostics, nodes, envoyDirOf, credentials, new CompileMemo());
  }

  /**
   * As above, reusing what {@code memo} kept of the previous compile (a watch passes the same memo
   * to every compile).
   */
  public static Compilation compile(
      Mesh mesh, Diagnostics diagnostics, List<String> nodes, UnaryOperator<String> envoyDirOf,
      Credentials credentials, CompileMemo memo) {
    try {
      return compile(mesh, diagnostics, nodes, envoyDirOf, credentials, true, memo);
    } finally {
      memo.compileDone();
    }
  }

  /**
   * The pipeline; {@code validate} false skips the validate step, which only the benchmark does,
   * to measure what the step costs.
   */
  static Compilation compile(
      Mesh mesh,
      Diagnostics diagnostics,
      List<String> nodes,
      UnaryOperator<String> envoyDirOf,
      Credentials credentials,
      boolean validate) {
    return compile(mesh, diagnostics, nodes, envoyDirOf, credentials, validate, new CompileMemo());
  }

  private static Compilation compile(
      Mesh mesh,
      Diagnostics diagnostics,
      List<String> nodes,
      UnaryOperator<String> envoyDirOf,
      Credentials credentials,
      boolean validate,
      CompileMemo compileMemo) {
    MeshPlan plan = Resolver.resolve(mesh, diagnostics, credentials, n -> nodes.isEmpty() || nodes.contains(n));
    List<NodePlan> selected = select(plan, mesh, nodes, diagnostics);
    diagnostics.throwIfErrors();
    SharedResources shared = Translator.shared(plan);
    MeshEmitter emitter = new MeshEmitter(shared, compileMemo.items);
    Map<String, NodeFiles> out = new LinkedHashMap<>();
    List<Diagnostic> findings = new ArrayList<>();
    CheckMemo memo = new CheckMemo();
    if (validate) {
      findings.addAll(OutputValidation.shared(shared, memo, compileMemo.rulesClean));
    }
    for (NodePlan node : selected) {
      String envoyDir = envoyDirOf.apply(node.name());
      NodeResources resources = Translator.node(plan, shared, node, envoyDir);
      if (validate) {
        findings.addAll(OutputValidation.node(envoyDir, resources, shared, memo, compileMemo.rulesClean));
      }
      out.put(node.name(), emitter.emit(resources));
    }
    List<Diagnostic> invalid = findings.stream().filter(Diagnostic::isError).toList();
    if (!invalid.isEmpty()) {
      throw new InternalException(invalid);
    }
    List<Diagnostic> warnings = new ArrayList<>(diagnostics.warnings());
    warnings.addAll(findings);
    return new Compilation(out, warnings, plan.tls().map(TlsPlan::expiry));
  }

  /**
   * A readable summary of what {@code node}'s Envoy will do, with where each value came from.
   * Bad input throws like a compile.
   */
  public static String explain(Path file, String node) {
    Diagnostics diagnostics = new Diagnostics();
    Mesh mesh = MeshFileReader.read(file, file.toString(), diagnostics);
    return explain(mesh, diagnostics, Credentials.beside(file), node);
  }

  /** Like {@link #explain(Path, String)}, for a mesh already read (for example from a snapshot). */
  public static String explain(Mesh mesh, Diagnostics diagnostics, Credentials credentials, String node) {
    MeshPlan plan = Resolver.resolve(mesh, diagnostics, credentials, node::equals);
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
        // The mesh section's place (the top of a mesh file), so that the error has a line.
        diagnostics.error(mesh.settings().location(), "the mesh has no nodes; nothing to compile");
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
      } else if (!diagnostics.hasErrors()
          && mesh.nodes().stream().noneMatch(n -> n.name().equals(name))) {
        // With errors already reported, the mesh may be missing what they made unreadable.
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
