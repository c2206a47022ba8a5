package dev.bent.validate;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;
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
 *
 * <p>The walk follows each type's {@link MessagePlan}: it visits only the fields that can yield a
 * finding, and below a type whose plan is quiet it only looks for unknown fields. In the same walk
 * it hands each regex and access-log format to {@link ValueCompileChecks}, and with an {@link
 * AnyMemo} it checks each distinct Any payload once.
 */
public final class ProtoRuleChecker {

    private static final ProtoRuleChecker INSTANCE = new ProtoRuleChecker();

    private ProtoRuleChecker() {
    }

    /** Returns the (shared, stateless) checker. */
    public static ProtoRuleChecker create() {
        return INSTANCE;
    }

    /** Returns every violation in {@code message}, errors and warnings, in field order. */
    public List<RuleViolation> check(Message message) {
        Walk walk = new Walk(new Findings(), null, null);
        walk.message(message, MessagePlan.of(message.getDescriptorForType()), "", true);
        return walk.rules.result();
    }

    /** Returns only the violations that make Envoy reject the configuration. */
    public List<RuleViolation> errors(Message message) {
        return check(message).stream().filter(v -> !v.warning()).toList();
    }

    /**
     * The field-rule violations and the value-check violations ({@link ValueCompileChecks}) in
     * {@code message}, each in field order, from one walk; {@code memo} remembers Any payloads.
     */
    static AnyMemo.Verdict checkAll(Message message, AnyMemo memo) {
        Walk walk = new Walk(new Findings(), new Findings(), memo);
        walk.message(message, MessagePlan.of(message.getDescriptorForType()), "", true);
        return new AnyMemo.Verdict(walk.rules.result(), walk.values.result());
    }

    /** One walk: where it reports, and what it remembers. */
    private static final class Walk {
        final Findings rules;
        /** Where value checks report; null to skip them. */
        final Findings values;
        final AnyMemo memo;

        Walk(Findings rules, Findings values, AnyMemo memo) {
            this.rules = rules;
            this.values = values;
            this.memo = memo;
        }

        void message(Message message, MessagePlan plan, String path, boolean pgv) {
            if (plan.any) {
                any(message, path);
                return;
            }
            unknownFields(message, path);
            if (plan.quiet) {
                quiet(message, plan, path);
                return;
            }
            if (values != null && plan.valueChecked) {
                ValueCompileChecks.check(path, message, values);
            }
            boolean checked = pgv && !plan.rulesDisabled;
            if (checked) {
                for (Descriptors.OneofDescriptor oneof : plan.requiredOneofs) {
                    if (!message.hasOneof(oneof)) {
                        rules.error(Findings.field(path, oneof.getName()), "oneof.required",
                                "one field of oneof " + oneof.getName() + " must be set");
                    }
                }
            }
            for (MessagePlan.FieldPlan field : plan.fields) {
                field(message, field, path, checked);
            }
        }

        private void unknownFields(Message message, String path) {
            UnknownFieldSet unknown = message.getUnknownFields();
            if (unknown != UnknownFieldSet.getDefaultInstance() && !unknown.asMap().isEmpty()) {
                rules.error(path, "message.unknown_fields", "holds field numbers " + unknown.asMap().keySet()
                        + " unknown to " + message.getDescriptorForType().getFullName());
            }
        }

        /** A message whose plan is quiet: only unknown fields, at any depth, can be found. */
        private void quiet(Message message, MessagePlan plan, String path) {
            for (MessagePlan.FieldPlan field : plan.fields) {
                if (field.map) {
                    int count = field.count(message);
                    MessagePlan child = field.child();
                    for (int i = 0; i < count && child != null; i++) {
                        Message entry = (Message) field.get(message, i);
                        String at = Findings.key(Findings.field(path, field.name), entry.getField(field.key));
                        quietChild((Message) entry.getField(field.value), child, at);
                    }
                } else if (field.repeated) {
                    int count = field.count(message);
                    for (int i = 0; i < count; i++) {
                        quietChild((Message) field.get(message, i), field.child(),
                                Findings.index(Findings.field(path, field.name), i));
                    }
                } else if (field.has(message)) {
                    quietChild((Message) field.get(message), field.child(),
                            Findings.field(path, field.name));
                }
            }
        }

        private void quietChild(Message child, MessagePlan plan, String path) {
            unknownFields(child, path);
            quiet(child, plan, path);
        }

        private void field(Message message, MessagePlan.FieldPlan field, String parent, boolean pgv) {
            Validate.FieldRules fieldRules = pgv ? field.rules : null;
            Descriptors.FieldDescriptor descriptor = field.field;
            if (field.repeated) {
                int count = field.count(message);
                if (count == 0 && fieldRules == null) {
                    return;
                }
                String path = Findings.field(parent, field.name);
                if (count > 0 && field.marked) {
                    Deprecations.field(descriptor, path, rules);
                }
                if (field.map) {
                    map(message, field, count, fieldRules, path, pgv);
                } else {
                    repeated(message, field, count, fieldRules, path, pgv);
                }
            } else if (field.message || field.presence) {
                // A oneof member has presence: set exactly when it is the oneof's case, and not
                // looked at otherwise.
                if (field.has(message)) {
                    String path = Findings.field(parent, field.name);
                    if (field.marked) {
                        Deprecations.field(descriptor, path, rules);
                    }
                    value(field.get(message), field.child(), fieldRules, path, pgv, false);
                } else if (field.message && fieldRules != null && field.oneof == null) {
                    ValueRules.checkRequired(fieldRules, Findings.field(parent, field.name), rules);
                }
            } else {
                Object value = field.get(message);
                boolean set = isSet(value, descriptor);
                String path = Findings.field(parent, field.name);
                if (set && field.marked) {
                    Deprecations.field(descriptor, path, rules);
                }
                value(value, null, fieldRules, path, pgv, !set);
            }
        }

        private void value(Object value, MessagePlan plan, Validate.FieldRules fieldRules, String path, boolean pgv,
                           boolean implicit) {
            if (fieldRules != null) {
                ValueRules.apply(fieldRules, value, path, rules);
            }
            if (value instanceof Descriptors.EnumValueDescriptor enumValue) {
                Deprecations.enumValue(enumValue, implicit, path, rules);
            } else if (value instanceof Message child) {
                boolean skip = fieldRules != null && fieldRules.getMessage().getSkip();
                message(child, plan != null ? plan : MessagePlan.of(child.getDescriptorForType()), path, pgv && !skip);
            }
        }

        private void repeated(Message message, MessagePlan.FieldPlan field, int count, Validate.FieldRules fieldRules,
                              String path, boolean pgv) {
            Validate.FieldRules items = null;
            if (fieldRules != null && fieldRules.hasRepeated()) {
                Validate.RepeatedRules r = fieldRules.getRepeated();
                if (!(r.getIgnoreEmpty() && count == 0)) {
                    if (r.hasMinItems() && count < r.getMinItems()) {
                        rules.error(path, "repeated.min_items", "must have at least " + r.getMinItems()
                                + " items, got " + count);
                    }
                    if (r.hasMaxItems() && count > r.getMaxItems()) {
                        rules.error(path, "repeated.max_items", "must have at most " + r.getMaxItems()
                                + " items, got " + count);
                    }
                    if (r.getUnique()) {
                        unique(message, field.field, count, path);
                    }
                }
                items = r.hasItems() ? r.getItems() : null;
            }
            MessagePlan child = field.child();
            for (int i = 0; i < count; i++) {
                value(field.get(message, i), child, items, Findings.index(path, i), pgv, false);
            }
        }

        private void unique(Message message, Descriptors.FieldDescriptor field, int count, String path) {
            Map<Object, Integer> seen = new HashMap<>();
            for (int i = 0; i < count; i++) {
                Integer first = seen.putIfAbsent(message.getRepeatedField(field, i), i);
                if (first != null) {
                    rules.error(Findings.index(path, i), "repeated.unique",
                            "must be unique, but repeats item " + first);
                }
            }
        }

        private void map(Message message, MessagePlan.FieldPlan field, int count, Validate.FieldRules fieldRules,
                         String path, boolean pgv) {
            Validate.MapRules r = fieldRules != null && fieldRules.hasMap() ? fieldRules.getMap() : null;
            if (r != null && !(r.getIgnoreEmpty() && count == 0)) {
                if (r.hasMinPairs() && count < r.getMinPairs()) {
                    rules.error(path, "map.min_pairs", "must have at least " + r.getMinPairs()
                            + " entries, got " + count);
                }
                if (r.hasMaxPairs() && count > r.getMaxPairs()) {
                    rules.error(path, "map.max_pairs", "must have at most " + r.getMaxPairs()
                            + " entries, got " + count);
                }
            }
            Validate.FieldRules valueRules = r != null && r.hasValues() ? r.getValues() : null;
            MessagePlan child = field.child();
            for (int i = 0; i < count; i++) {
                Message entry = (Message) field.get(message, i);
                Object key = entry.getField(field.key);
                String entryPath = Findings.key(path, key);
                if (r != null && r.hasKeys()) {
                    ValueRules.apply(r.getKeys(), key, entryPath, rules);
                }
                value(entry.getField(field.value), child, valueRules, entryPath, pgv, false);
            }
        }

        /** An Any: its payload checked alone (once per distinct payload with a memo), placed at {@code path}. */
        private void any(Message any, String path) {
            if (memo == null) {
                content(any, path);
                return;
            }
            AnyMemo.Verdict verdict = memo.verdict(any, () -> {
                Walk alone = new Walk(new Findings(), values == null ? null : new Findings(), memo);
                alone.content(any, "");
                return new AnyMemo.Verdict(alone.rules.result(), alone.values == null ? List.of() : alone.values.result());
            });
            rules.addAll(path, verdict.rules());
            if (values != null) {
                values.addAll(path, verdict.values());
            }
        }

        private void content(Message any, String path) {
            String url;
            ByteString bytes;
            if (any instanceof Any packed) {
                url = packed.getTypeUrl();
                bytes = packed.getValue();
            } else {
                Descriptors.Descriptor type = any.getDescriptorForType();
                url = (String) any.getField(type.findFieldByName("type_url"));
                bytes = (ByteString) any.getField(type.findFieldByName("value"));
            }
            if (url.isEmpty()) {
                rules.error(path, "any.type_url_missing", "has no type URL (\"@type\")");
                return;
            }
            Optional<Message> prototype = EnvoyTypes.defaultInstance(url);
            if (prototype.isEmpty()) {
                rules.error(path, "any.unknown_type", "type " + url + " is not a known Envoy API message");
                return;
            }
            Descriptors.Descriptor contentType = prototype.get().getDescriptorForType();
            Message content;
            try {
                content = unpack(any, url, bytes, prototype.get());
            } catch (InvalidProtocolBufferException e) {
                rules.error(path, "any.invalid_value", "value is not a valid " + contentType.getFullName()
                        + ": " + e.getMessage());
                return;
            }
            // An extension's typed_config is validated in full when Envoy instantiates it.
            message(content, MessagePlan.of(contentType), path, true);
        }
    }

    /**
     * The content of an Any as its generated class. The Any keeps what it unpacks, so the node
     * checks that look into the same typed config later do not parse it again.
     */
    private static Message unpack(Message any, String url, ByteString bytes, Message prototype)
            throws InvalidProtocolBufferException {
        if (any instanceof Any packed
                && url.substring(url.lastIndexOf('/') + 1).equals(prototype.getDescriptorForType().getFullName())) {
            return packed.unpack(prototype.getClass());
        }
        return prototype.getParserForType().parseFrom(bytes);
    }

    /** Proto3 presence of a scalar without presence: it differs from the default. */
    private static boolean isSet(Object value, Descriptors.FieldDescriptor field) {
        if (value instanceof Descriptors.EnumValueDescriptor e) {
            return e.getNumber() != ((Descriptors.EnumValueDescriptor) field.getDefaultValue()).getNumber();
        }
        return !value.equals(field.getDefaultValue());
    }
}
