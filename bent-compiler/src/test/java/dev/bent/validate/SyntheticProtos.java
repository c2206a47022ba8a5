package dev.bent.validate;

import com.google.protobuf.Any;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldOptions;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MessageOptions;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import com.google.protobuf.UInt32Value;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.pgv.validate.Validate;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test descriptors for the PGV rule kinds that no Envoy message uses (sint32, fixed64, uuid, ...):
 * a proto3 message {@code bent.test.ProbeN} with a single field {@code value} carrying the rules.
 */
final class SyntheticProtos {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Descriptors.FileDescriptor[] DEPENDENCIES = {
        Duration.getDescriptor().getFile(), Timestamp.getDescriptor().getFile(),
        Any.getDescriptor().getFile(), UInt32Value.getDescriptor().getFile(),
        SocketAddress.getDescriptor().getFile(),
    };

    private SyntheticProtos() {
    }

    /** A message whose field {@code value} has the scalar {@code type} and the given rules. */
    static Descriptors.Descriptor scalar(FieldDescriptorProto.Type type, Validate.FieldRules rules) {
        return build(field(type, rules), null, MessageOptions.getDefaultInstance());
    }

    /** A message whose field {@code value} is a repeated scalar of {@code type}. */
    static Descriptors.Descriptor repeated(FieldDescriptorProto.Type type, Validate.FieldRules rules) {
        return build(field(type, rules).setLabel(FieldDescriptorProto.Label.LABEL_REPEATED), null,
                MessageOptions.getDefaultInstance());
    }

    /** A message whose field {@code value} is a message of the (dependency) type {@code typeName}. */
    static Descriptors.Descriptor message(String typeName, Validate.FieldRules rules) {
        return build(field(FieldDescriptorProto.Type.TYPE_MESSAGE, rules).setTypeName("." + typeName), null,
                MessageOptions.getDefaultInstance());
    }

    /** A message whose field {@code value} is an enum of the (dependency) type {@code typeName}. */
    static Descriptors.Descriptor enumeration(String typeName, Validate.FieldRules rules) {
        return build(field(FieldDescriptorProto.Type.TYPE_ENUM, rules).setTypeName("." + typeName), null,
                MessageOptions.getDefaultInstance());
    }

    /** A message with {@code validate.disabled} whose string field {@code value} has the rules. */
    static Descriptors.Descriptor disabled(Validate.FieldRules rules) {
        return build(field(FieldDescriptorProto.Type.TYPE_STRING, rules), null,
                MessageOptions.newBuilder().setExtension(Validate.disabled, true).build());
    }

    /** A message whose field {@code value} is a {@code map<string, uint32>}. */
    static Descriptors.Descriptor stringToUint32Map(Validate.FieldRules rules) {
        DescriptorProto entry = DescriptorProto.newBuilder().setName("ValueEntry")
                .setOptions(MessageOptions.newBuilder().setMapEntry(true))
                .addField(FieldDescriptorProto.newBuilder().setName("key").setNumber(1)
                        .setType(FieldDescriptorProto.Type.TYPE_STRING)
                        .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL))
                .addField(FieldDescriptorProto.newBuilder().setName("value").setNumber(2)
                        .setType(FieldDescriptorProto.Type.TYPE_UINT32)
                        .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL))
                .build();
        return build(field(FieldDescriptorProto.Type.TYPE_MESSAGE, rules)
                .setLabel(FieldDescriptorProto.Label.LABEL_REPEATED)
                .setTypeName("ValueEntry"), entry, MessageOptions.getDefaultInstance());
    }

    /** The file proto of a synthetic message, for tests that serialize it. */
    static FileDescriptorProto fileProto(FieldDescriptorProto.Type type, Validate.FieldRules rules) {
        return file(field(type, rules), null, MessageOptions.getDefaultInstance());
    }

    /** Builds a descriptor from a file proto using the usual dependencies. */
    static Descriptors.Descriptor fromFile(FileDescriptorProto file) {
        try {
            return Descriptors.FileDescriptor.buildFrom(file, DEPENDENCIES).getMessageTypes().get(0);
        } catch (Descriptors.DescriptorValidationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A dynamic message of {@code type} with {@code value} set to {@code value}. */
    static DynamicMessage with(Descriptors.Descriptor type, Object value) {
        Descriptors.FieldDescriptor field = type.findFieldByName("value");
        DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
        if (field.isRepeated() && value instanceof Iterable<?> values) {
            values.forEach(v -> builder.addRepeatedField(field, v));
        } else {
            builder.setField(field, value);
        }
        return builder.build();
    }

    /** A dynamic message of {@code type} with nothing set. */
    static DynamicMessage empty(Descriptors.Descriptor type) {
        return DynamicMessage.getDefaultInstance(type);
    }

    private static FieldDescriptorProto.Builder field(FieldDescriptorProto.Type type,
                                                      Validate.FieldRules rules) {
        return FieldDescriptorProto.newBuilder().setName("value").setNumber(1).setType(type)
                .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL)
                .setOptions(FieldOptions.newBuilder().setExtension(Validate.rules, rules));
    }

    private static Descriptors.Descriptor build(FieldDescriptorProto.Builder field, DescriptorProto nested,
                                                MessageOptions options) {
        return fromFile(file(field, nested, options));
    }

    private static FileDescriptorProto file(FieldDescriptorProto.Builder field, DescriptorProto nested,
                                            MessageOptions options) {
        int n = COUNTER.incrementAndGet();
        DescriptorProto.Builder message = DescriptorProto.newBuilder().setName("Probe" + n)
                .setOptions(options);
        if (nested != null) {
            message.addNestedType(nested);
            field.setTypeName(".bent.test.Probe" + n + "." + nested.getName());
        }
        message.addField(field);
        FileDescriptorProto.Builder file = FileDescriptorProto.newBuilder()
                .setName("bent/test/probe" + n + ".proto").setPackage("bent.test").setSyntax("proto3")
                .addMessageType(message);
        for (Descriptors.FileDescriptor dependency : DEPENDENCIES) {
            file.addDependency(dependency.getName());
        }
        return file.build();
    }
}
