package dev.bent.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Finds where in a JSON tree a JsonFormat error comes from, since JsonFormat does not say: after a
 * failed parse it parses each field of the failing object on its own (inside the same message, or
 * the same Any) and descends into the first field that fails by itself. Used only on the error path.
 */
final class JsonErrorLocator {

    private final JsonFormat.Parser parser;

    private JsonErrorLocator(JsonFormat.Parser parser) {
        this.parser = parser;
    }

    /** Returns the path of the smallest failing part of {@code root}, or "" when none stands out. */
    static String locate(JsonNode root, Descriptors.Descriptor type, JsonFormat.Parser parser) {
        return new JsonErrorLocator(parser).object(root, type, "");
    }

    private String object(JsonNode node, Descriptors.Descriptor type, String path) {
        if (!node.isObject() || JsonForms.SPECIAL_JSON.contains(type.getFullName())) {
            return path;
        }
        ObjectNode base = JsonNodeFactory.instance.objectNode();
        Descriptors.Descriptor fieldsOf = type;
        if (type.getFullName().equals(JsonForms.ANY)) {
            JsonNode typeNode = node.get(JsonForms.TYPE_KEY);
            Optional<Descriptors.Descriptor> content = typeNode == null ? Optional.empty()
                    : EnvoyTypes.descriptor(typeNode.asText());
            if (content.isEmpty() || JsonForms.SPECIAL_JSON.contains(content.get().getFullName())) {
                return path;
            }
            base.set(JsonForms.TYPE_KEY, typeNode);
            fieldsOf = content.get();
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().equals(JsonForms.TYPE_KEY)) {
                continue;
            }
            Descriptors.FieldDescriptor field = JsonForms.find(fieldsOf, entry.getKey());
            if (field != null && !parses(type, base, entry.getKey(), entry.getValue())) {
                return field(type, base, field, entry.getKey(), entry.getValue(),
                        Findings.field(path, field.getName()));
            }
        }
        return path;
    }

    private String field(Descriptors.Descriptor type, ObjectNode base, Descriptors.FieldDescriptor field,
                         String key, JsonNode value, String path) {
        boolean message = field.getJavaType() == Descriptors.FieldDescriptor.JavaType.MESSAGE;
        if (field.isMapField() && value.isObject()) {
            Descriptors.FieldDescriptor valueField = field.getMessageType().findFieldByNumber(2);
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                ObjectNode single = JsonNodeFactory.instance.objectNode().set(entry.getKey(), entry.getValue());
                if (!parses(type, base, key, single)) {
                    String entryPath = Findings.key(path, entry.getKey());
                    return valueField.getJavaType() == Descriptors.FieldDescriptor.JavaType.MESSAGE
                            ? object(entry.getValue(), valueField.getMessageType(), entryPath) : entryPath;
                }
            }
        } else if (field.isRepeated() && value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                if (!parses(type, base, key, JsonNodeFactory.instance.arrayNode().add(value.get(i)))) {
                    String itemPath = Findings.index(path, i);
                    return message ? object(value.get(i), field.getMessageType(), itemPath) : itemPath;
                }
            }
        } else if (message && !field.isRepeated()) {
            return object(value, field.getMessageType(), path);
        }
        return path;
    }

    private boolean parses(Descriptors.Descriptor type, ObjectNode base, String key, JsonNode value) {
        ObjectNode single = base.deepCopy();
        single.set(key, value);
        try {
            parser.merge(single.toString(), JsonForms.newBuilder(type));
            return true;
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            return false;
        }
    }
}
