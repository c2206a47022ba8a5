package dev.bent;

import com.google.protobuf.Message;
import dev.bent.diag.Diagnostic;
import dev.bent.emit.NodeFiles;
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
    return shared(shared, new CheckMemo());
  }

  /** Like {@link #shared(SharedResources)}, with the {@code memo} of the compile. */
  static List<Diagnostic> shared(SharedResources shared, CheckMemo memo) {
    List<Diagnostic> out = new ArrayList<>();
    List<? extends Message> clusters = shared.egressClusters();
    for (int i = 0; i < clusters.size(); i++) {
      out.addAll(RuleDiagnostics.check(NodeResources.CDS + EVERY_NODE, "resources[" + i + "]", clusters.get(i), memo));
    }
    String rds = NodeResources.rdsFile(shared.egressRoutes().getName()) + EVERY_NODE;
    out.addAll(RuleDiagnostics.check(rds, "resources[0]", shared.egressRoutes(), memo));
    return out;
  }

  /**
   * The field rules of one node's own resources (bootstrap, listeners, local clusters, ingress
   * routes) and the cross-file checks of the whole node, placed at the paths Envoy sees; {@code
   * memo} is shared by the nodes of one compile.
   */
  static List<Diagnostic> node(String envoyDir, NodeResources resources, SharedResources shared, CheckMemo memo) {
    List<Diagnostic> out = new ArrayList<>();
    String bootstrap = envoyDir + "/" + NodeFiles.BOOTSTRAP;
    out.addAll(RuleDiagnostics.check(bootstrap, "", resources.bootstrap(), memo));
    for (int i = 0; i < resources.listeners().size(); i++) {
      out.addAll(RuleDiagnostics.check(envoyDir + "/" + NodeResources.LDS, "resources[" + i + "]",
          resources.listeners().get(i), memo));
    }
    for (int i = 0; i < resources.ownEgressClusters().size(); i++) {
      out.addAll(RuleDiagnostics.check(envoyDir + "/" + NodeResources.CDS, "resources[" + i + "]",
          resources.ownEgressClusters().get(i), memo));
    }
    for (var secret : resources.secrets()) {
      String file = envoyDir + "/" + dev.bent.translate.TlsTranslator.sdsFile(secret.getName());
      out.addAll(RuleDiagnostics.check(file, "resources[0]", secret, memo));
    }
    int first = shared.egressClusters().size();
    for (int i = 0; i < resources.localClusters().size(); i++) {
      out.addAll(RuleDiagnostics.check(envoyDir + "/" + NodeResources.CDS, "resources[" + (first + i) + "]",
          resources.localClusters().get(i), memo));
    }
    for (var routes : resources.routes()) {
      String file = envoyDir + "/" + NodeResources.rdsFile(routes.getName());
      out.addAll(RuleDiagnostics.check(file, "resources[0]", routes, memo));
    }
    Map<String, List<Message>> files = new LinkedHashMap<>();
    resources.dynamicFiles(shared).forEach((path, messages) -> files.put(envoyDir + "/" + path, messages));
    out.addAll(NodeConfigChecker.check(new NodeConfig(bootstrap, resources.bootstrap(), files), memo, Profile.BENT));
    return out;
  }
}
