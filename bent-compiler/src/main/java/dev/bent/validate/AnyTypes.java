package dev.bent.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.util.JsonFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The message types that {@code "@type"} entries name, found on the class path, and the {@link
 * JsonFormat.TypeRegistry} that lets JsonFormat parse those {@code Any} values.
 *
 * <p>Reasoning: a registry of every Envoy type would load thousands of classes; looking up only the
 * types a file names keeps a check fast. The lookup follows the {@code java_package} convention of
 * the protos in {@code io.envoyproxy.controlplane:api} ({@code envoy.config.cluster.v3.Cluster} is
 * {@code io.envoyproxy.envoy.config.cluster.v3.Cluster}), and accepts a class only when its
 * descriptor has exactly the requested name. A type not found is left out of the registry, so
 * JsonFormat reports it where it is used.
 */
final class AnyTypes {
  private static final Map<String, String> JAVA_PACKAGES =
      Map.of(
          "envoy.", "io.envoyproxy.envoy.",
          "xds.", "com.github.xds.",
          "udpa.", "com.github.udpa.udpa.",
          "opentelemetry.", "io.opentelemetry.",
          "google.protobuf.", "com.google.protobuf.");
  private static final Map<String, Optional<Descriptor>> CACHE = new ConcurrentHashMap<>();

  private AnyTypes() {}

  /** A registry with every type named by an {@code "@type"} entry anywhere in {@code tree}. */
  static JsonFormat.TypeRegistry registryFor(JsonNode tree) {
    TreeSet<String> urls = new TreeSet<>();
    collect(tree, urls);
    JsonFormat.TypeRegistry.Builder registry = JsonFormat.TypeRegistry.newBuilder();
    for (String url : urls) {
      descriptor(url).ifPresent(registry::add);
    }
    return registry.build();
  }

  private static void collect(JsonNode node, TreeSet<String> urls) {
    JsonNode type = node.get("@type");
    if (node.isObject() && type != null && type.isTextual()) {
      urls.add(type.asText());
    }
    node.forEach(child -> collect(child, urls));
  }

  /** The descriptor of the message a type URL names (the part after its last '/'), if on the class path. */
  static Optional<Descriptor> descriptor(String url) {
    return CACHE.computeIfAbsent(url.substring(url.lastIndexOf('/') + 1), AnyTypes::load);
  }

  private static Optional<Descriptor> load(String fullName) {
    for (Map.Entry<String, String> mapping : JAVA_PACKAGES.entrySet()) {
      if (!fullName.startsWith(mapping.getKey())) {
        continue;
      }
      String className = mapping.getValue() + fullName.substring(mapping.getKey().length());
      // A nested message is Outer$Inner: try each '.' from the right as a '$'.
      for (String candidate = className; candidate != null; candidate = nestOneMore(candidate)) {
        Optional<Descriptor> found = descriptorOf(candidate).filter(d -> d.getFullName().equals(fullName));
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  private static String nestOneMore(String className) {
    int dot = className.lastIndexOf('.');
    return dot < 0 ? null : className.substring(0, dot) + "$" + className.substring(dot + 1);
  }

  private static Optional<Descriptor> descriptorOf(String className) {
    try {
      Class<?> type = Class.forName(className, false, AnyTypes.class.getClassLoader());
      if (!com.google.protobuf.Message.class.isAssignableFrom(type)) {
        return Optional.empty();
      }
      return Optional.of((Descriptor) type.getMethod("getDescriptor").invoke(null));
    } catch (ReflectiveOperationException | LinkageError e) {
      return Optional.empty();
    }
  }
}
