package dev.bent.validate;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.envoyproxy.pgv.validate.Validate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluator of the protoc-gen-validate rules and Envoy deprecation marks carried by the descriptors
 * of an Envoy message, at every depth and through every {@code google.protobuf.Any}.
 *
 * <p>It follows PGV's semantics: rules on a plain proto3 scalar are evaluated on its value even when
 * it is left at the default (so {@code min_len: 1} on an empty string fails), {@code required}
 * checks the presence of a message field, fields of a oneof are checked only when they are the case
 * that is set, wrapper fields carry the rules of the wrapped value and are checked only when set,
 * and {@code validate.disabled}/{@code validate.ignored} messages and {@code message.skip} fields are
 * not looked into for PGV rules. {@code Any} contents are resolved with {@link EnvoyTypes}, parsed
 * and checked like Envoy checks a {@code typed_config}. Stateless and thread-safe.
 */
public final class ProtoRuleChecker {

    private static final String ANY = "google.protobuf.Any";
    private static final ProtoRuleChecker INSTANCE = new ProtoRuleChecker();

    private ProtoRuleChecker() {
    }

    /** Returns the (shared, stateless) checker. */
    public static ProtoRuleChecker create() {
        return INSTANCE;
    }

    /** Returns every violation in {@code message}, errors and warnings, in field order. */
    public List<RuleViolation> check(Message message) {
        Findings out = new Findings();
        walkMessage(message, "", true, out);
        return out.result();
    }

    /** Returns only the violations that make Envoy reject the configuration. */
    public List<RuleViolation> errors(Message message) {
        return check(message).stream().filter(v -> !v.warning()).toList();
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
