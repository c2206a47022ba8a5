package dev.bent.validate;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.envoyproxy.pgv.validate.Validate;
import dev.bent.diag.Diagnostic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The unplanned reference walk of the field rules, deprecation marks and value checks: every field
 * of every message, each Any parsed anew, the regexes and formats found by a second walk
 * ({@link TypedConfigFinder}). It is what {@link ProtoRuleChecker} and {@link RuleDiagnostics}
 * computed before plans; tests require the planned checker to report exactly what this does.
 */
final class FullRuleWalk {

    private static final String ANY = "google.protobuf.Any";
    private static final Set<String> VALUE_TYPES = union(RegexCheck.TYPES, AccessLogFormatCheck.TYPES);

    private FullRuleWalk() {
    }

    /** Every field-rule violation in {@code message}, errors and warnings, in field order. */
    static List<RuleViolation> check(Message message) {
        Findings out = new Findings();
        new FullRuleWalk().walkMessage(message, "", true, out);
        return out.result();
    }

    /** The regex and access-log format violations in {@code message}, found by a second walk. */
    static List<RuleViolation> values(Message message) {
        Findings findings = new Findings();
        for (TypedConfigFinder.Found found : TypedConfigFinder.findMessages(message, "", VALUE_TYPES)) {
            String type = found.config().getDescriptorForType().getFullName();
            if (RegexCheck.TYPES.contains(type)) {
                RegexCheck.check(found, findings);
            } else {
                AccessLogFormatCheck.check(found, findings);
            }
        }
        return findings.result();
    }

    /** What {@link RuleDiagnostics#check} reports, computed by the full walks. */
    static List<Diagnostic> diagnostics(String file, String field, Message message) {
        List<Diagnostic> out = new ArrayList<>();
        for (RuleViolation violation : check(message)) {
            out.add(RuleDiagnostics.of(file, field, violation));
        }
        for (RuleViolation violation : values(message)) {
            out.add(RuleDiagnostics.of(file, field, violation));
        }
        return out;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    private void walkMessage(Message message, String path, boolean pgv, Findings out) {
        Descriptors.Descriptor type = message.getDescriptorForType();
        if (type.getFullName().equals(ANY)) {
            walkAny(message, path, out);
            return;
        }
        if (!message.getUnknownFields().asMap().isEmpty()) {
            out.error(path, "message.unknown_fields", "holds field numbers "
                    + message.getUnknownFields().asMap().keySet() + " unknown to " + type.getFullName());
        }
        boolean rules = pgv && !RuleOptions.rulesDisabled(type);
        if (rules) {
            for (Descriptors.OneofDescriptor oneof : type.getRealOneofs()) {
                if (RuleOptions.oneofRequired(oneof) && !message.hasOneof(oneof)) {
                    out.error(Findings.field(path, oneof.getName()), "oneof.required",
                            "one field of oneof " + oneof.getName() + " must be set");
                }
            }
        }
        for (Descriptors.FieldDescriptor field : type.getFields()) {
            Descriptors.OneofDescriptor oneof = field.getRealContainingOneof();
            if (RuleOptions.inert(field) || (oneof != null && message.getOneofFieldDescriptor(oneof) != field)) {
                continue;
            }
            walkField(message, field, Findings.field(path, field.getName()), rules, out);
        }
    }

    private void walkField(Message message, Descriptors.FieldDescriptor field, String path,
                           boolean pgv, Findings out) {
        Validate.FieldRules rules = pgv ? RuleOptions.field(field).rules().orElse(null) : null;
        boolean set = isSet(message, field);
        if (set) {
            Deprecations.field(field, path, out);
        }
        if (field.isMapField()) {
            walkMap(message, field, rules, path, pgv, out);
        } else if (field.isRepeated()) {
            walkRepeated(message, field, rules, path, pgv, out);
        } else if (field.getJavaType() == Descriptors.FieldDescriptor.JavaType.MESSAGE) {
            if (set) {
                walkValue(message.getField(field), rules, path, pgv, false, out);
            } else if (rules != null) {
                ValueRules.checkRequired(rules, path, out);
            }
        } else if (set || !field.hasPresence()) {
            walkValue(message.getField(field), rules, path, pgv, !set, out);
        }
    }

    private void walkValue(Object value, Validate.FieldRules rules, String path, boolean pgv,
                           boolean implicit, Findings out) {
        if (rules != null) {
            ValueRules.apply(rules, value, path, out);
        }
        if (value instanceof Descriptors.EnumValueDescriptor enumValue) {
            Deprecations.enumValue(enumValue, implicit, path, out);
        } else if (value instanceof Message child) {
            boolean skip = rules != null && rules.getMessage().getSkip();
            walkMessage(child, path, pgv && !skip, out);
        }
    }

    private void walkRepeated(Message message, Descriptors.FieldDescriptor field,
                              Validate.FieldRules rules, String path, boolean pgv, Findings out) {
        int count = message.getRepeatedFieldCount(field);
        Validate.FieldRules items = null;
        if (rules != null && rules.hasRepeated()) {
            Validate.RepeatedRules r = rules.getRepeated();
            if (!(r.getIgnoreEmpty() && count == 0)) {
                if (r.hasMinItems() && count < r.getMinItems()) {
                    out.error(path, "repeated.min_items", "must have at least " + r.getMinItems()
                            + " items, got " + count);
                }
                if (r.hasMaxItems() && count > r.getMaxItems()) {
                    out.error(path, "repeated.max_items", "must have at most " + r.getMaxItems()
                            + " items, got " + count);
                }
                if (r.getUnique()) {
                    checkUnique(message, field, count, path, out);
                }
            }
            items = r.hasItems() ? r.getItems() : null;
        }
        for (int i = 0; i < count; i++) {
            walkValue(message.getRepeatedField(field, i), items, Findings.index(path, i), pgv, false, out);
        }
    }

    private static void checkUnique(Message message, Descriptors.FieldDescriptor field, int count,
                                    String path, Findings out) {
        Map<Object, Integer> seen = new HashMap<>();
        for (int i = 0; i < count; i++) {
            Integer first = seen.putIfAbsent(message.getRepeatedField(field, i), i);
            if (first != null) {
                out.error(Findings.index(path, i), "repeated.unique",
                        "must be unique, but repeats item " + first);
            }
        }
    }

    private void walkMap(Message message, Descriptors.FieldDescriptor field, Validate.FieldRules rules,
                         String path, boolean pgv, Findings out) {
        int count = message.getRepeatedFieldCount(field);
        Validate.MapRules r = rules != null && rules.hasMap() ? rules.getMap() : null;
        if (r != null && !(r.getIgnoreEmpty() && count == 0)) {
            if (r.hasMinPairs() && count < r.getMinPairs()) {
                out.error(path, "map.min_pairs", "must have at least " + r.getMinPairs() + " entries, got "
                        + count);
            }
            if (r.hasMaxPairs() && count > r.getMaxPairs()) {
                out.error(path, "map.max_pairs", "must have at most " + r.getMaxPairs() + " entries, got "
                        + count);
            }
        }
        Descriptors.FieldDescriptor keyField = field.getMessageType().findFieldByNumber(1);
        Descriptors.FieldDescriptor valueField = field.getMessageType().findFieldByNumber(2);
        for (int i = 0; i < count; i++) {
            Message entry = (Message) message.getRepeatedField(field, i);
            Object key = entry.getField(keyField);
            String entryPath = Findings.key(path, key);
            if (r != null && r.hasKeys()) {
                ValueRules.apply(r.getKeys(), key, entryPath, out);
            }
            Validate.FieldRules valueRules = r != null && r.hasValues() ? r.getValues() : null;
            walkValue(entry.getField(valueField), valueRules, entryPath, pgv, false, out);
        }
    }

    private void walkAny(Message any, String path, Findings out) {
        Descriptors.Descriptor type = any.getDescriptorForType();
        String url = (String) any.getField(type.findFieldByName("type_url"));
        ByteString bytes = (ByteString) any.getField(type.findFieldByName("value"));
        if (url.isEmpty()) {
            out.error(path, "any.type_url_missing", "has no type URL (\"@type\")");
            return;
        }
        Optional<Descriptors.Descriptor> contentType = EnvoyTypes.descriptor(url);
        if (contentType.isEmpty()) {
            out.error(path, "any.unknown_type", "type " + url + " is not a known Envoy API message");
            return;
        }
        DynamicMessage content;
        try {
            content = DynamicMessage.parseFrom(contentType.get(), bytes);
        } catch (InvalidProtocolBufferException e) {
            out.error(path, "any.invalid_value", "value is not a valid " + contentType.get().getFullName()
                    + ": " + e.getMessage());
            return;
        }
        // An extension's typed_config is validated in full when Envoy instantiates it.
        walkMessage(content, path, true, out);
    }

    /** Proto3 presence: non-empty lists, present messages, scalars that differ from the default. */
    static boolean isSet(Message message, Descriptors.FieldDescriptor field) {
        if (field.isRepeated()) {
            return message.getRepeatedFieldCount(field) > 0;
        }
        if (field.hasPresence()) {
            return message.hasField(field);
        }
        Object value = message.getField(field);
        if (value instanceof Descriptors.EnumValueDescriptor e) {
            return e.getNumber() != ((Descriptors.EnumValueDescriptor) field.getDefaultValue()).getNumber();
        }
        return !value.equals(field.getDefaultValue());
    }
}
