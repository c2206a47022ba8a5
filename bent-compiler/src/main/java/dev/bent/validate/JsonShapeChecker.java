package dev.bent.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Descriptors;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Walks a JSON tree along the descriptor of the message it should become, before JsonFormat parses
 * it, to report every unknown field and unknown {@code "@type"} with its path (JsonFormat stops at
 * the first one and does not say where it is), and to collect the {@code "@type"} descriptors the
 * JsonFormat type registry needs.
 */
final class JsonShapeChecker {

    /** Problems found and the message types named by {@code "@type"} keys. */
    record Result(List<ParseProblem> problems, Set<Descriptors.Descriptor> anyTypes) {
    }

    private static final String DURATION = "google.protobuf.Duration";
    private static final java.util.regex.Pattern DURATION_FORM =
            java.util.regex.Pattern.compile("-?[0-9]+(\\.[0-9]{1,9})?s");

    private final List<ParseProblem> problems = new ArrayList<>();
    private final Set<Descriptors.Descriptor> anyTypes = new LinkedHashSet<>();

    private JsonShapeChecker() {
    }

    static Result check(JsonNode root, Descriptors.Descriptor type) {
        JsonShapeChecker checker = new JsonShapeChecker();
        checker.message(root, type, "");
        checker.collectAllTypeNames(root);
        return new Result(List.copyOf(checker.problems), Set.copyOf(checker.anyTypes));
    }

    private void message(JsonNode node, Descriptors.Descriptor type, String path) {
        if (!node.isObject() || JsonForms.SPECIAL_JSON.contains(type.getFullName())) {
            return;
        }
        if (type.getFullName().equals(JsonForms.ANY)) {
            any(node, path);
            return;
        }
        fields(node, type, path, false);
    }

    private void any(JsonNode node, String path) {
        if (node.isEmpty()) {
            return;
        }
        JsonNode typeNode = node.get(JsonForms.TYPE_KEY);
        if (typeNode == null || !typeNode.isTextual() || typeNode.asText().isEmpty()) {
            problems.add(new ParseProblem(path, "an Any needs a non-empty \"@type\""));
            return;
        }
        String typeUrl = typeNode.asText();
        Optional<Descriptors.Descriptor> resolved = EnvoyTypes.descriptor(typeUrl);
        if (resolved.isEmpty()) {
            problems.add(new ParseProblem(Findings.field(path, JsonForms.TYPE_KEY),
                    "unknown \"@type\" " + typeUrl + ": no such Envoy API message"));
            return;
        }
        Descriptors.Descriptor content = resolved.get();
        anyTypes.add(content);
        boolean special = JsonForms.SPECIAL_JSON.contains(content.getFullName())
                || content.getFullName().equals(JsonForms.ANY);
        if (!special) {
            fields(node, content, path, true);
            return;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals(JsonForms.TYPE_KEY) && !name.equals("value")) {
                problems.add(new ParseProblem(Findings.field(path, name), "unknown field \"" + name
                        + "\" in an Any holding " + content.getFullName() + " (expected only \"value\")"));
            }
        }
        JsonNode value = node.get("value");
        if (value != null) {
            message(value, content, Findings.field(path, "value"));
        }
    }

    private void fields(JsonNode node, Descriptors.Descriptor type, String path, boolean insideAny) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String name = entry.getKey();
            if (insideAny && name.equals(JsonForms.TYPE_KEY)) {
                continue;
            }
            Descriptors.FieldDescriptor field = JsonForms.find(type, name);
            if (field == null) {
                problems.add(new ParseProblem(Findings.field(path, name),
                        "unknown field \"" + name + "\" in " + type.getFullName()));
                continue;
            }
            JsonNode value = entry.getValue();
            if (value.isNull() || field.getJavaType() != Descriptors.FieldDescriptor.JavaType.MESSAGE) {
                continue;
            }
            String fieldPath = Findings.field(path, field.getName());
            if (field.getMessageType().getFullName().equals(DURATION) && !field.isRepeated()) {
                duration(value, fieldPath);
                continue;
            }
            if (field.isMapField()) {
                mapValues(value, field, fieldPath);
            } else if (field.isRepeated() && value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    message(value.get(i), field.getMessageType(), Findings.index(fieldPath, i));
                }
            } else {
                message(value, field.getMessageType(), fieldPath);
            }
        }
    }

    /**
     * A Duration's JSON form is a string of seconds ending in "s" ("0.250s"); JsonFormat's own
     * message for "250ms" is Java's number-parsing error, so the form is checked here first.
     */
    private void duration(JsonNode value, String path) {
        if (value.isTextual() && DURATION_FORM.matcher(value.asText()).matches()) {
            return;
        }
        String got = value.isTextual() ? "\"" + value.asText() + "\"" : value.toString();
        problems.add(new ParseProblem(path, "Failed to parse duration: " + got + "; a protobuf JSON duration is"
                + " seconds with an s suffix, e.g. 0.250s or 5s"));
    }

    private void mapValues(JsonNode value, Descriptors.FieldDescriptor field, String path) {
        Descriptors.FieldDescriptor valueField = field.getMessageType().findFieldByNumber(2);
        if (!value.isObject() || valueField.getJavaType() != Descriptors.FieldDescriptor.JavaType.MESSAGE) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            message(entry.getValue(), valueField.getMessageType(), Findings.key(path, entry.getKey()));
        }
    }


    /**
     * Adds every resolvable {@code "@type"} string of the tree to the registry set, including ones
     * the walk did not reach; unresolvable ones are reported only where an Any is expected.
     */
    private void collectAllTypeNames(JsonNode node) {
        if (node.isObject()) {
            JsonNode typeNode = node.get(JsonForms.TYPE_KEY);
            if (typeNode != null && typeNode.isTextual()) {
                EnvoyTypes.descriptor(typeNode.asText()).ifPresent(anyTypes::add);
            }
        }
        if (node.isContainerNode()) {
            node.elements().forEachRemaining(this::collectAllTypeNames);
        }
    }
}
