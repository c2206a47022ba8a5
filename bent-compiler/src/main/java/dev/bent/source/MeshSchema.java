package dev.bent.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bent.resolve.AnnotationKey;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The JSON Schema (draft-07) of the mesh file, for editors. It is made from the same key lists the
 * reader accepts and from {@link AnnotationKey}; what the reader requires beyond keys (a gateway's
 * basic auth, one tracing provider, nulls where an empty value is allowed) is written here, and
 * {@code SchemaAgreementTest} checks both against the samples, the README and the compiler.
 */
public final class MeshSchema {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private MeshSchema() {}

  public static String json() {
    ObjectNode root = JSON.createObjectNode();
    root.put("$schema", "http://json-schema.org/draft-07/schema#");
    root.put("title", "bent mesh file");
    root.put("type", "object");
    root.put("additionalProperties", false);
    root.putArray("required").add("nodes");
    ObjectNode definitions = root.putObject("definitions");
    definitions.set("annotations", annotations());
    definitions.set("endpoint", object(
        "An address and port serving the service.",
        props("address", string("IP address or DNS host name."), "port", port("TCP port."),
            "annotations", ref("annotations")),
        "address", "port"));
    definitions.set("service", object(
        "A service: under services, its sidecar endpoints; under a node, its application endpoints.",
        props("name", string("Lowercase DNS name; clients use it as Host."), "annotations", ref("annotations"),
            "endpoints", array(ref("endpoint")),
            "routes", RouteSchema.routes()),
        "name"));
    RouteSchema.definitions(definitions);
    ObjectNode props = root.putObject("properties");
    props.set("mesh", mesh());
    props.set("services", array(ref("service")));
    ObjectNode nodes = object("Node name (a safe directory name) to the services its sidecar fronts.", JSON.createObjectNode());
    nodes.putArray("type").add("object").add("null");
    nodes.putObject("propertyNames").put("pattern", "^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$");
    ObjectNode nodeValue = nodes.putObject("additionalProperties");
    nodeValue.putArray("type").add("array").add("null");
    nodeValue.set("items", ref("service"));
    props.set("nodes", nodes);
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode mesh() {
    ObjectNode ports = JSON.createObjectNode();
    MeshSettingsReader.PORT_KEYS.stream().sorted().forEach(k -> ports.set(k, port("Sidecar " + k + " port.")));
    ObjectNode zipkin = props("address", string("Collector host."), "port", port("Collector port (default 9411)."),
        "path", string("Zipkin endpoint path (default /api/v2/spans)."));
    ObjectNode otel = props("address", string("Collector host."), "port", port("Collector port (default 4317)."));
    ObjectNode user = object("A user whose password is read from an environment variable.",
        props("name", string("User name."), "passwordEnv", string("Environment variable holding the password.")),
        "name", "passwordEnv");
    ObjectNode auth = object("HTTP basic auth: an htpasswd file of {SHA} entries, and/or users.",
        props("htpasswd", string("Path of an htpasswd file, relative to the mesh file."), "users", array(user)));
    ArrayNode either = auth.putArray("anyOf");
    either.addObject().putArray("required").add("htpasswd");
    either.addObject().putArray("required").add("users");
    ObjectNode serverCertificate = object("The gateway's own server certificate: HTTPS only, TLS 1.2 or newer.",
        props("certificate", string("PEM certificate chain, relative to the mesh file."),
            "key", string("PEM private key, relative to the mesh file.")), "certificate", "key");
    ObjectNode gateway = object("A front-proxy node.", props("node", string("A node of the mesh."),
        "port", port("Listener port (default: the ingress port)."), "basicAuth", auth, "tls", serverCertificate),
        "node", "basicAuth");
    ObjectNode sampling = JSON.createObjectNode().put("type", "number").put("minimum", 0).put("maximum", 100)
        .put("description", "Percent of requests traced (default 100).");
    ObjectNode tracing = object("Tracing collector: exactly one of zipkin or otel.", props(
        "zipkin", object("Zipkin v2 JSON over HTTP.", zipkin, "address"),
        "otel", object("OpenTelemetry over gRPC.", otel, "address"), "sampling", sampling));
    ArrayNode provider = tracing.putArray("oneOf");
    provider.addObject().putArray("required").add("zipkin");
    provider.addObject().putArray("required").add("otel");
    ObjectNode id = JSON.createObjectNode().put("type", "integer").put("minimum", 0);
    ObjectNode files = object("A node's certificate chain and key files.", props(
        "certificate", string("PEM certificate chain, leaf first, relative to the mesh file."),
        "key", string("PEM private key, relative to the mesh file.")), "certificate", "key");
    ObjectNode nodeFiles = object("Node name to its certificate and key files.", JSON.createObjectNode());
    nodeFiles.set("additionalProperties", files);
    ObjectNode callers = object("Service name to the services or nodes allowed to call it.", JSON.createObjectNode());
    callers.set("additionalProperties", array(string("A service or node name.")));
    ObjectNode mode = string("strict (default) or permissive (ingress also accepts plain text).");
    mode.putArray("enum").add("strict").add("permissive");
    ObjectNode tls = object("Mutual TLS between sidecars, from certificate files.", props(
        "mode", mode,
        "trustDomain", string("SPIFFE trust domain of the URI SANs."),
        "trustBundle", string("PEM CA certificates, relative to the mesh file."),
        "certificates", string("Directory of <node>.crt and <node>.key, relative to the mesh file."),
        "certificate", string("Certificate chain every node reads at this path on its own host (instead of certificates)."),
        "key", string("Private key every node reads at this path on its own host (instead of certificates)."),
        "nodes", nodeFiles,
        "keyOwner", id.deepCopy().put("description", "uid given the copied key files (default 101 when run as root)."),
        "keyGroup", id.deepCopy().put("description", "gid given the copied key files; makes them 0640."),
        "expiryWarningDays", id.deepCopy().put("description", "Warn when a certificate expires within this many days (default 30)."),
        "allowedCallers", callers), "trustDomain", "trustBundle");
    ObjectNode localClusters = string("Where a node's clusters of its own services go: cds (default, in its CDS file)"
        + " or bootstrap (static, so that every node's CDS file is the same; a change to a node's own services then"
        + " needs an Envoy restart).");
    localClusters.putArray("enum").add("cds").add("bootstrap");
    return object("Mesh-wide settings.", props(
        "ports", object("Sidecar ports.", ports),
        "accessLog", object("JSON access log.", props(
            "enabled", JSON.createObjectNode().put("type", "boolean"), "path", string("Absolute path (default /dev/stdout)."))),
        "tracing", tracing,
        "gateways", array(gateway),
        "tls", tls,
        "localClusters", localClusters));
  }

  private static ObjectNode annotations() {
    ObjectNode props = JSON.createObjectNode();
    Arrays.stream(AnnotationKey.values()).sorted(Comparator.comparing(AnnotationKey::key)).forEach(k -> {
      ObjectNode value = props.putObject(k.key());
      value.putArray("type").add("string").add("number").add("boolean").add("null");
      value.put("description", k.effect() + " Value: " + k.kind().description() + ". Default: " + k.defaultText() + ".");
    });
    ObjectNode annotations = object("Policy annotations; values may be strings or numbers.", props);
    annotations.putArray("type").add("object").add("null");
    return annotations;
  }

  private static ObjectNode object(String description, ObjectNode properties, String... required) {
    ObjectNode node = JSON.createObjectNode().put("type", "object").put("description", description);
    node.put("additionalProperties", false);
    node.set("properties", properties);
    if (required.length > 0) {
      ArrayNode list = node.putArray("required");
      Arrays.stream(required).forEach(list::add);
    }
    return node;
  }

  private static ObjectNode props(Object... pairs) {
    ObjectNode node = JSON.createObjectNode();
    for (int i = 0; i < pairs.length; i += 2) {
      node.set((String) pairs[i], (ObjectNode) pairs[i + 1]);
    }
    return node;
  }

  private static ObjectNode string(String description) {
    return JSON.createObjectNode().put("type", "string").put("description", description);
  }

  private static ObjectNode port(String description) {
    return JSON.createObjectNode().put("type", "integer").put("minimum", 1).put("maximum", 65535)
        .put("description", description);
  }

  private static ObjectNode array(ObjectNode items) {
    ObjectNode node = JSON.createObjectNode();
    node.putArray("type").add("array").add("null");
    node.set("items", items);
    return node;
  }

  private static ObjectNode ref(String name) {
    return JSON.createObjectNode().put("$ref", "#/definitions/" + name);
  }
}
