package dev.bent.validate;

import com.google.protobuf.Descriptors;
import com.google.protobuf.Message;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lazy lookup from a protobuf full name or type URL to the descriptor of its generated Java class.
 *
 * <p>The proto package is mapped to the Java package by the conventions of
 * {@code io.envoyproxy.controlplane:api} ({@code envoy.*} to {@code io.envoyproxy.envoy.*},
 * {@code xds.*} to {@code com.github.xds.*}, {@code udpa.*} to {@code com.github.udpa.udpa.*},
 * {@code validate.*} to the {@code Validate} outer class, {@code google.protobuf.*} to
 * {@code com.google.protobuf.*}); nested messages become {@code $}-separated nested classes. Only the
 * class that is asked for is loaded, and every answer (found or not) is cached. Thread-safe.
 */
public final class EnvoyTypes {

    /** Prefix that Envoy and protobuf use in front of a full name in {@code Any.type_url}. */
    public static final String TYPE_URL_PREFIX = "type.googleapis.com/";

    private record Mapping(String protoPrefix, List<String> javaPrefixes) { }

    private record Resolved(Descriptors.Descriptor descriptor, Message defaultInstance) { }

    private static final List<Mapping> MAPPINGS = List.of(
            new Mapping("envoy.", List.of("io.envoyproxy.envoy.")),
            new Mapping("xds.", List.of("com.github.xds.")),
            new Mapping("udpa.", List.of("com.github.udpa.udpa.")),
            new Mapping("validate.", List.of("io.envoyproxy.pgv.validate.Validate$")),
            new Mapping("google.protobuf.",
                    List.of("com.google.protobuf.", "com.google.protobuf.DescriptorProtos$")),
            new Mapping("google.api.", List.of("com.google.api.")),
            new Mapping("google.rpc.", List.of("com.google.rpc.")),
            new Mapping("cel.expr.", List.of("dev.cel.expr.")),
            new Mapping("opentelemetry.proto.", List.of("io.opentelemetry.proto.")));

    private static final Map<String, Optional<Resolved>> CACHE = new ConcurrentHashMap<>();

    private EnvoyTypes() {
    }

    /**
     * Returns the descriptor of the message named by a full name
     * ({@code envoy.config.cluster.v3.Cluster}) or a type URL (anything up to the last {@code /} is
     * ignored, as protobuf does), or empty when no generated class exists for it.
     */
    public static Optional<Descriptors.Descriptor> descriptor(String nameOrTypeUrl) {
        return resolve(nameOrTypeUrl).map(Resolved::descriptor);
    }

    /** Returns the default instance of the generated class for a full name or type URL. */
    public static Optional<Message> defaultInstance(String nameOrTypeUrl) {
        return resolve(nameOrTypeUrl).map(Resolved::defaultInstance);
    }

    /** Returns the full message name inside a type URL (the text after the last {@code /}). */
    public static String typeName(String nameOrTypeUrl) {
        return nameOrTypeUrl.substring(nameOrTypeUrl.lastIndexOf('/') + 1);
    }

    /** Returns the canonical type URL ({@code type.googleapis.com/} + full name) of a descriptor. */
    public static String typeUrl(Descriptors.Descriptor descriptor) {
        return TYPE_URL_PREFIX + descriptor.getFullName();
    }

    private static Optional<Resolved> resolve(String nameOrTypeUrl) {
        if (nameOrTypeUrl == null) {
            return Optional.empty();
        }
        String name = typeName(nameOrTypeUrl.strip());
        Optional<Resolved> cached = CACHE.get(name);
        if (cached != null) {
            return cached;
        }
        // Loading happens outside the map's locks; two threads may both load, which is harmless.
        Optional<Resolved> loaded = load(name);
        Optional<Resolved> previous = CACHE.putIfAbsent(name, loaded);
        return previous != null ? previous : loaded;
    }

    private static Optional<Resolved> load(String name) {
        for (String className : candidateClassNames(name)) {
            Optional<Resolved> found = loadClass(className, name);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** Splits {@code a.b.Msg.Inner} into lower-case package segments and the type path after them. */
    static List<String> candidateClassNames(String fullName) {
        List<String> result = new ArrayList<>();
        String[] parts = fullName.split("\\.", -1);
        int firstType = 0;
        while (firstType < parts.length && !parts[firstType].isEmpty()
                && Character.isLowerCase(parts[firstType].charAt(0))) {
            firstType++;
        }
        if (firstType == 0 || firstType == parts.length) {
            return result;
        }
        for (int i = firstType; i < parts.length; i++) {
            if (parts[i].isEmpty() || !Character.isJavaIdentifierStart(parts[i].charAt(0))) {
                return result;
            }
        }
        String protoPackage = String.join(".", List.of(parts).subList(0, firstType)) + ".";
        String typePath = String.join("$", List.of(parts).subList(firstType, parts.length));
        for (Mapping mapping : MAPPINGS) {
            if (!protoPackage.startsWith(mapping.protoPrefix())) {
                continue;
            }
            String rest = protoPackage.substring(mapping.protoPrefix().length());
            for (String javaPrefix : mapping.javaPrefixes()) {
                if (javaPrefix.endsWith("$") && !rest.isEmpty()) {
                    continue;
                }
                result.add(javaPrefix + rest + typePath);
            }
        }
        return result;
    }

    private static Optional<Resolved> loadClass(String className, String expectedName) {
        try {
            // Not initialized until it is known to be a generated message class.
            Class<?> type = Class.forName(className, false, EnvoyTypes.class.getClassLoader());
            if (!Message.class.isAssignableFrom(type)) {
                return Optional.empty();
            }
            Method getDescriptor = type.getMethod("getDescriptor");
            Method getDefaultInstance = type.getMethod("getDefaultInstance");
            if (!Modifier.isStatic(getDescriptor.getModifiers())
                    || !Modifier.isStatic(getDefaultInstance.getModifiers())) {
                return Optional.empty();
            }
            Descriptors.Descriptor descriptor = (Descriptors.Descriptor) getDescriptor.invoke(null);
            if (!descriptor.getFullName().equals(expectedName)) {
                return Optional.empty();
            }
            return Optional.of(new Resolved(descriptor, (Message) getDefaultInstance.invoke(null)));
        } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException
                 | InvocationTargetException | ClassCastException | LinkageError e) {
            return Optional.empty();
        }
    }
}
