package dev.bent.emit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.bent.diag.Diagnostics;
import dev.bent.diag.InvalidInputException;
import dev.bent.ir.MeshPlan;
import dev.bent.ir.NodePlan;
import dev.bent.model.Mesh;
import dev.bent.resolve.Credentials;
import dev.bent.resolve.Resolver;
import dev.bent.source.MeshFileReader;
import dev.bent.translate.NodeResources;
import dev.bent.translate.SharedResources;
import dev.bent.translate.Translator;
import dev.bent.validate.Flattener;
import dev.bent.validate.NodeConfig;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the direct emitter and the Jackson reference over the same messages and requires the same
 * bytes: every resource item, every bootstrap, every whole node file and every flattened bootstrap
 * of a compiled mesh.
 */
public final class EmitterComparison {
  /** Every message type a flattened bootstrap of a bent node can hold in an {@code Any}. */
  private static final JsonFormat.TypeRegistry FLAT_TYPES = JsonFormat.TypeRegistry.newBuilder()
      .add(List.of(
          Bootstrap.getDescriptor(),
          io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager.getDescriptor(),
          io.envoyproxy.envoy.extensions.filters.http.router.v3.Router.getDescriptor(),
          io.envoyproxy.envoy.extensions.access_loggers.file.v3.FileAccessLog.getDescriptor(),
          io.envoyproxy.envoy.extensions.filters.http.fault.v3.HTTPFault.getDescriptor(),
          io.envoyproxy.envoy.extensions.filters.http.health_check.v3.HealthCheck.getDescriptor(),
          io.envoyproxy.envoy.extensions.filters.http.basic_auth.v3.BasicAuth.getDescriptor(),
          io.envoyproxy.envoy.config.trace.v3.ZipkinConfig.getDescriptor(),
          io.envoyproxy.envoy.config.trace.v3.OpenTelemetryConfig.getDescriptor(),
          io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions.getDescriptor(),
          io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.Secret.getDescriptor(),
          io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext.getDescriptor(),
          io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext.getDescriptor(),
          io.envoyproxy.envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector.getDescriptor(),
          io.envoyproxy.envoy.extensions.filters.http.rbac.v3.RBAC.getDescriptor(),
          io.envoyproxy.envoy.extensions.filters.http.rbac.v3.RBACPerRoute.getDescriptor()))
      .build();

  private EmitterComparison() {}

  /** Compares the mesh file at {@code file}; the number of outputs compared. */
  public static int compareFile(Path file) {
    Diagnostics diagnostics = new Diagnostics();
    Mesh mesh = MeshFileReader.read(file, file.toString(), diagnostics);
    int compared = compare(mesh, diagnostics, Credentials.beside(file));
    if (compared < 0) {
      throw new AssertionError(file + " does not compile: " + diagnostics.sorted());
    }
    return compared;
  }

  /**
   * Compares the mesh {@code text}, with credentials from {@code directory}; the number of outputs
   * compared, or -1 when the mesh does not compile.
   */
  public static int compareText(String text, Path directory) {
    Diagnostics diagnostics = new Diagnostics();
    Mesh mesh = MeshFileReader.parse(directory.resolve("mesh.yaml").toString(), text, diagnostics);
    return compare(mesh, diagnostics, new Credentials(directory, name -> null));
  }

  /** Compares the mesh {@code text}, which must compile; the number of outputs compared. */
  public static int compareCompiling(String text, Path directory) {
    Diagnostics diagnostics = new Diagnostics();
    Mesh mesh = MeshFileReader.parse(directory.resolve("mesh.yaml").toString(), text, diagnostics);
    int compared = compare(mesh, diagnostics, new Credentials(directory, name -> null));
    if (compared < 0) {
      throw new AssertionError("the mesh does not compile: " + diagnostics.sorted() + "\n" + text);
    }
    return compared;
  }

  private static int compare(Mesh mesh, Diagnostics diagnostics, Credentials credentials) {
    MeshPlan plan;
    try {
      if (diagnostics.hasErrors()) {
        return -1;
      }
      plan = Resolver.resolve(mesh, diagnostics, credentials, n -> true);
      if (diagnostics.hasErrors()) {
        return -1;
      }
    } catch (InvalidInputException e) {
      return -1;
    }
    SharedResources shared = Translator.shared(plan);
    MeshEmitter emitter = new MeshEmitter(shared);
    int compared = 0;
    for (NodePlan node : plan.nodes()) {
      String envoyDir = "/etc/envoy/" + node.name();
      NodeResources resources = Translator.node(plan, shared, node, envoyDir);
      NodeFiles direct = emitter.emit(resources);
      compared += same(node.name() + "/bootstrap.yaml",
          JacksonYamlEmitter.document(resources.bootstrap()), direct.files().get(NodeFiles.BOOTSTRAP));
      Map<String, List<Message>> configFiles = new LinkedHashMap<>();
      for (Map.Entry<String, List<Message>> file : resources.dynamicFiles(shared).entrySet()) {
        List<String> items = new ArrayList<>();
        for (Message resource : file.getValue()) {
          String reference = JacksonYamlEmitter.resourceItem(resource);
          compared += same(node.name() + "/" + file.getKey() + " item " + items.size(),
              reference, YamlEmitter.resourceItem(resource));
          items.add(reference);
        }
        compared += same(node.name() + "/" + file.getKey(),
            YamlEmitter.discoveryFile(items), direct.files().get(file.getKey()));
        configFiles.put(envoyDir + "/" + file.getKey(), file.getValue());
      }
      Flattener.Result flat = Flattener.flatten(
          new NodeConfig(envoyDir + "/bootstrap.yaml", resources.bootstrap(), configFiles));
      if (flat.bootstrap() != null) {
        compared += same(node.name() + " flattened",
            JacksonYamlEmitter.document(flat.bootstrap(), FLAT_TYPES), flat.yaml());
      }
    }
    return compared;
  }

  /** Requires the same bytes; 1. */
  public static int same(String what, byte[] reference, byte[] direct) {
    assertNotNull(direct, what + " missing");
    same(what, new String(reference, StandardCharsets.UTF_8), new String(direct, StandardCharsets.UTF_8));
    assertArrayEquals(reference, direct, what);
    return 1;
  }

  /** Requires the same text; 1. */
  public static int same(String what, String reference, String direct) {
    assertEquals(reference, direct, what);
    return 1;
  }
}
