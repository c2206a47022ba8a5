package dev.bent;

import com.google.protobuf.Message;
import dev.bent.diag.Diagnostic;
import dev.bent.emit.NodeFiles;
import dev.bent.ir.KeptByValue;
import dev.bent.translate.NodeResources;
import dev.bent.translate.SharedResources;
import dev.bent.validate.CheckMemo;
import dev.bent.validate.NodeConfig;
import dev.bent.validate.NodeConfigChecker;
import dev.bent.validate.Profile;
import dev.bent.validate.RuleDiagnostics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The validate step of a compile: what Envoy would reject (errors) or frown on (warnings) in bent's
 * own output, and what breaks bent's own layout policy ({@link Profile#BENT}), found before
 * anything is written. Any error is a bug in bent.
 *
 * <p>Reasoning: the egress clusters and routes are the same objects in every node's output, so
 * their field rules are checked once per compile ({@link #shared}); the rest of a node and the
 * cross-file checks, which depend on the node, are checked per node ({@link #node}).
 */
final class OutputValidation {
  /** Where shared resources are reported: the same file of every node. */
  private static final String EVERY_NODE = " (every node)";

  private OutputValidation() {}

  /** The field rules of the egress clusters and routes that every node shares. */
  static List<Diagnostic> shared(SharedResources shared) {
    return shared(shared, new CheckMemo(), new KeptByValue<>());
  }

  /**
   * Like {@link #shared(SharedResources)}, with the {@code memo} of the compile, skipping resources
   * that {@code clean} knows to have no findings of their own (see {@link CompileMemo}).
   */
  static List<Diagnostic> shared(SharedResources shared, CheckMemo memo, KeptByValue<Message, Boolean> clean) {
    List<Diagnostic> out = new ArrayList<>();
    List<? extends Message> clusters = shared.egressClusters();
    for (int i = 0; i < clusters.size(); i++) {
      out.addAll(rules(NodeResources.CDS + EVERY_NODE, "resources[" + i + "]", clusters.get(i), memo, clean));
    }
    String rds = NodeResources.rdsFile(shared.egressRoutes().getName()) + EVERY_NODE;
    out.addAll(rules(rds, "resources[0]", shared.egressRoutes(), memo, clean));
    return out;
  }

  /**
   * The field rules of one node's own resources (bootstrap, listeners, local clusters, ingress
   * routes) and the cross-file checks of the whole node, placed at the paths Envoy sees; {@code
   * memo} is shared by the nodes of one compile.
   */
  static List<Diagnostic> node(String envoyDir, NodeResources resources, SharedResources shared, CheckMemo memo) {
    return node(envoyDir, resources, shared, memo, new KeptByValue<>());
  }

  /** Like {@link #node(String, NodeResources, SharedResources, CheckMemo)}, with {@code clean} as above. */
  static List<Diagnostic> node(
      String envoyDir, NodeResources resources, SharedResources shared, CheckMemo memo,
      KeptByValue<Message, Boolean> clean) {
    List<Diagnostic> out = new ArrayList<>();
    String bootstrap = envoyDir + "/" + NodeFiles.BOOTSTRAP;
    out.addAll(rules(bootstrap, "", resources.bootstrap(), memo, clean));
    for (int i = 0; i < resources.listeners().size(); i++) {
      out.addAll(rules(envoyDir + "/" + NodeResources.LDS, "resources[" + i + "]",
          resources.listeners().get(i), memo, clean));
    }
    for (int i = 0; i < resources.ownEgressClusters().size(); i++) {
      out.addAll(rules(envoyDir + "/" + NodeResources.CDS, "resources[" + i + "]",
          resources.ownEgressClusters().get(i), memo, clean));
    }
    for (var secret : resources.secrets()) {
      String file = envoyDir + "/" + dev.bent.translate.TlsTranslator.sdsFile(secret.getName());
      out.addAll(rules(file, "resources[0]", secret, memo, clean));
    }
    int first = shared.egressClusters().size();
    for (int i = 0; i < resources.localClusters().size(); i++) {
      out.addAll(rules(envoyDir + "/" + NodeResources.CDS, "resources[" + (first + i) + "]",
          resources.localClusters().get(i), memo, clean));
    }
    for (var routes : resources.routes()) {
      String file = envoyDir + "/" + NodeResources.rdsFile(routes.getName());
      out.addAll(rules(file, "resources[0]", routes, memo, clean));
    }
    Map<String, List<Message>> files = new LinkedHashMap<>();
    resources.dynamicFiles(shared).forEach((path, messages) -> files.put(envoyDir + "/" + path, messages));
    out.addAll(NodeConfigChecker.check(new NodeConfig(bootstrap, resources.bootstrap(), files), memo, Profile.BENT));
    return out;
  }

  /**
   * The findings of {@code message}'s own field rules; none, without a walk, when {@code clean}
   * knows an equal message had none (the findings depend only on the message; the file and field
   * only place them).
   */
  private static List<Diagnostic> rules(
      String file, String field, Message message, CheckMemo memo, KeptByValue<Message, Boolean> clean) {
    if (clean.kept(message).isPresent()) {
      return List.of();
    }
    List<Diagnostic> found = RuleDiagnostics.check(file, field, message, memo);
    if (found.isEmpty()) {
      clean.put(message, true);
    }
    return found;
  }
}
