package dev.bent.validate;

import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import java.util.Set;

/** Facts about the proto3 JSON mapping shared by the JSON walkers of {@link StrictParser}. */
final class JsonForms {

    static final String ANY = "google.protobuf.Any";
    static final String TYPE_KEY = "@type";

    /** Well-known types whose JSON form is not an object of their fields. */
    static final Set<String> SPECIAL_JSON = Set.of(
            "google.protobuf.Duration", "google.protobuf.Timestamp", "google.protobuf.FieldMask",
            "google.protobuf.Struct", "google.protobuf.Value", "google.protobuf.ListValue",
            "google.protobuf.DoubleValue", "google.protobuf.FloatValue", "google.protobuf.Int64Value",
            "google.protobuf.UInt64Value", "google.protobuf.Int32Value", "google.protobuf.UInt32Value",
            "google.protobuf.BoolValue", "google.protobuf.StringValue", "google.protobuf.BytesValue");

    private JsonForms() {
    }

    /** JsonFormat accepts a field under its proto name and under its JSON (lowerCamel) name. */
    static Descriptors.FieldDescriptor find(Descriptors.Descriptor type, String name) {
        Descriptors.FieldDescriptor byName = type.findFieldByName(name);
        if (byName != null) {
            return byName;
        }
        for (Descriptors.FieldDescriptor field : type.getFields()) {
            if (field.getJsonName().equals(name)) {
                return field;
            }
        }
        return null;
    }

    /** A builder of the generated class for {@code type} when there is one, else a dynamic one. */
    static Message.Builder newBuilder(Descriptors.Descriptor type) {
        return EnvoyTypes.defaultInstance(type.getFullName())
                .filter(m -> m.getDescriptorForType() == type)
                .<Message.Builder>map(Message::newBuilderForType)
                .orElseGet(() -> DynamicMessage.newBuilder(type));
    }
}
