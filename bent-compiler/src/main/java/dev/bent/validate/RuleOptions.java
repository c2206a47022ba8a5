package dev.bent.validate;

import com.google.protobuf.DescriptorProtos;
import com.google.protobuf.Descriptors;
import com.google.protobuf.ExtensionRegistry;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.envoyproxy.pgv.validate.Validate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the PGV and Envoy annotation options of descriptors, once per descriptor.
 *
 * <p>The generated classes of {@code io.envoyproxy.controlplane:api} register the option
 * extensions themselves, so {@code getExtension} normally works directly. If options ever arrive as
 * unknown fields (for instance descriptors built at runtime from serialized protos), they are parsed
 * again with a registry holding every annotation extension.
 */
final class RuleOptions {

    /** The field-level marks this package evaluates. */
    record FieldMeta(Optional<Validate.FieldRules> rules, boolean deprecated, String deprecatedAt,
                     boolean disallowed) {
    }

    /** The enum-value-level deprecation marks. */
    record EnumValueMeta(boolean deprecated, String deprecatedAt, boolean disallowed) {
    }

    private static final ExtensionRegistry REGISTRY = registry();

    private static final Map<Descriptors.FieldDescriptor, FieldMeta> FIELDS = new ConcurrentHashMap<>();
    private static final Map<Descriptors.EnumValueDescriptor, EnumValueMeta> ENUM_VALUES =
            new ConcurrentHashMap<>();
    private static final Map<Descriptors.OneofDescriptor, Boolean> ONEOFS = new ConcurrentHashMap<>();
    private static final Map<Descriptors.Descriptor, Boolean> DISABLED = new ConcurrentHashMap<>();
    private static final Map<Descriptors.FieldDescriptor, Boolean> INERT = new ConcurrentHashMap<>();

    private RuleOptions() {
    }

    static ExtensionRegistry registry() {
        ExtensionRegistry registry = ExtensionRegistry.newInstance();
        Validate.registerAllExtensions(registry);
        envoy.annotations.Deprecation.registerAllExtensions(registry);
        envoy.annotations.Resource.registerAllExtensions(registry);
        udpa.annotations.Status.registerAllExtensions(registry);
        udpa.annotations.Migrate.registerAllExtensions(registry);
        udpa.annotations.Sensitive.registerAllExtensions(registry);
        udpa.annotations.Security.registerAllExtensions(registry);
        udpa.annotations.Versioning.registerAllExtensions(registry);
        return registry.getUnmodifiable();
    }

    static FieldMeta field(Descriptors.FieldDescriptor field) {
        return FIELDS.computeIfAbsent(field, RuleOptions::readField);
    }

    /**
     * True when checking the field can never find anything: it is a scalar (not a message) with no
     * PGV rules and no deprecation marks, and if it is an enum, none of its values is deprecated.
     */
    static boolean inert(Descriptors.FieldDescriptor field) {
        return INERT.computeIfAbsent(field, f -> {
            FieldMeta meta = field(f);
            if (f.getJavaType() == Descriptors.FieldDescriptor.JavaType.MESSAGE || meta.rules().isPresent()
                    || meta.deprecated() || !meta.deprecatedAt().isEmpty() || meta.disallowed()) {
                return false;
            }
            return f.getJavaType() != Descriptors.FieldDescriptor.JavaType.ENUM
                    || f.getEnumType().getValues().stream().map(RuleOptions::enumValue)
                    .noneMatch(v -> v.deprecated() || !v.deprecatedAt().isEmpty() || v.disallowed());
        });
    }

    static EnumValueMeta enumValue(Descriptors.EnumValueDescriptor value) {
        return ENUM_VALUES.computeIfAbsent(value, RuleOptions::readEnumValue);
    }

    static boolean oneofRequired(Descriptors.OneofDescriptor oneof) {
        return ONEOFS.computeIfAbsent(oneof, o -> {
            DescriptorProtos.OneofOptions options = reparse(o.getOptions(),
                    DescriptorProtos.OneofOptions.parser());
            return options.getExtension(Validate.required);
        });
    }

    /** True when the message opts out of PGV ({@code validate.disabled} or {@code validate.ignored}). */
    static boolean rulesDisabled(Descriptors.Descriptor message) {
        return DISABLED.computeIfAbsent(message, d -> {
            DescriptorProtos.MessageOptions options = reparse(d.getOptions(),
                    DescriptorProtos.MessageOptions.parser());
            return options.getExtension(Validate.disabled) || options.getExtension(Validate.ignored);
        });
    }

    private static FieldMeta readField(Descriptors.FieldDescriptor field) {
        DescriptorProtos.FieldOptions options = reparse(field.getOptions(),
                DescriptorProtos.FieldOptions.parser());
        Optional<Validate.FieldRules> rules = options.hasExtension(Validate.rules)
                ? Optional.of(options.getExtension(Validate.rules)) : Optional.empty();
        String deprecatedAt = options.getExtension(envoy.annotations.Deprecation.deprecatedAtMinorVersion);
        return new FieldMeta(rules, options.getDeprecated(), deprecatedAt,
                options.getExtension(envoy.annotations.Deprecation.disallowedByDefault));
    }

    private static EnumValueMeta readEnumValue(Descriptors.EnumValueDescriptor value) {
        DescriptorProtos.EnumValueOptions options = reparse(value.getOptions(),
                DescriptorProtos.EnumValueOptions.parser());
        return new EnumValueMeta(options.getDeprecated(),
                options.getExtension(envoy.annotations.Deprecation.deprecatedAtMinorVersionEnum),
                options.getExtension(envoy.annotations.Deprecation.disallowedByDefaultEnum));
    }

    /** Parses options again with the annotation registry when they hold unresolved extensions. */
    private static <T extends Message> T reparse(T options, com.google.protobuf.Parser<T> parser) {
        if (options.getUnknownFields().asMap().isEmpty()) {
            return options;
        }
        try {
            return parser.parseFrom(options.toByteString(), REGISTRY);
        } catch (InvalidProtocolBufferException e) {
            return options;
        }
    }
}
