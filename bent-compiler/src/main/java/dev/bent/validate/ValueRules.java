package dev.bent.validate;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors;
import com.google.protobuf.Message;
import io.envoyproxy.pgv.validate.Validate;
import java.util.Locale;
import java.util.Set;

/**
 * Applies the type-specific part of one {@code FieldRules} to one present value (a singular field,
 * a list element, a map key or a map value), dispatching on the rule kind.
 */
final class ValueRules {

    private static final Set<String> WRAPPERS = Set.of(
            "google.protobuf.DoubleValue", "google.protobuf.FloatValue", "google.protobuf.Int64Value",
            "google.protobuf.UInt64Value", "google.protobuf.Int32Value", "google.protobuf.UInt32Value",
            "google.protobuf.BoolValue", "google.protobuf.StringValue", "google.protobuf.BytesValue");

    private ValueRules() {
    }

    static void apply(Validate.FieldRules rules, Object value, String path, Findings out) {
        Validate.FieldRules.TypeCase kind = rules.getTypeCase();
        switch (kind) {
            case TYPE_NOT_SET, REPEATED, MAP -> { }
            case BOOL -> {
                Object v = unwrap(value);
                if (rules.getBool().hasConst() && v instanceof Boolean b && b != rules.getBool().getConst()) {
                    out.error(path, "bool.const", "must be " + rules.getBool().getConst() + ", got " + b);
                }
            }
            case STRING -> {
                if (unwrap(value) instanceof String s) {
                    StringRules.check(rules.getString(), s, path, out);
                }
            }
            case BYTES -> {
                if (unwrap(value) instanceof ByteString b) {
                    StringRules.check(rules.getBytes(), b, path, out);
                }
            }
            case ENUM -> {
                if (value instanceof Descriptors.EnumValueDescriptor e) {
                    checkEnum(rules.getEnum(), e, path, out);
                }
            }
            case DURATION -> {
                if (value instanceof Message m) {
                    TimeRules.checkDuration(rules.getDuration(), m, path, out);
                }
            }
            case TIMESTAMP -> {
                if (value instanceof Message m) {
                    TimeRules.checkTimestamp(rules.getTimestamp(), m, path, out);
                }
            }
            case ANY -> {
                if (value instanceof Message m) {
                    checkAny(rules.getAny(), m, path, out);
                }
            }
            default -> {
                String name = kind.name().toLowerCase(Locale.ROOT);
                Descriptors.FieldDescriptor ruleField =
                        Validate.FieldRules.getDescriptor().findFieldByNumber(kind.getNumber());
                NumericRules.check(name, (Message) rules.getField(ruleField), unwrap(value), path, out);
            }
        }
    }

    /** Reports a missing message-typed field when its rules demand presence. */
    static void checkRequired(Validate.FieldRules rules, String path, Findings out) {
        if (rules.getMessage().getRequired()) {
            out.error(path, "message.required", "is required");
        } else if (rules.hasAny() && rules.getAny().getRequired()) {
            out.error(path, "any.required", "is required");
        } else if (rules.hasDuration() && rules.getDuration().getRequired()) {
            out.error(path, "duration.required", "is required");
        } else if (rules.hasTimestamp() && rules.getTimestamp().getRequired()) {
            out.error(path, "timestamp.required", "is required");
        }
    }

    private static void checkEnum(Validate.EnumRules r, Descriptors.EnumValueDescriptor value,
                                  String path, Findings out) {
        int number = value.getNumber();
        String got = ", got " + describe(value);
        if (r.hasConst() && number != r.getConst()) {
            out.error(path, "enum.const", "must be " + describe(value.getType(), r.getConst()) + got);
        }
        if (r.getDefinedOnly() && value.getType().findValueByNumber(number) == null) {
            out.error(path, "enum.defined_only", "must be a value defined in "
                    + value.getType().getFullName() + got);
        }
        if (r.getInCount() > 0 && !r.getInList().contains(number)) {
            out.error(path, "enum.in", "must be one of " + r.getInList() + got);
        }
        if (r.getNotInList().contains(number)) {
            out.error(path, "enum.not_in", "must not be one of " + r.getNotInList() + got);
        }
    }

    private static void checkAny(Validate.AnyRules r, Message any, String path, Findings out) {
        Descriptors.FieldDescriptor urlField = any.getDescriptorForType().findFieldByName("type_url");
        if (urlField == null) {
            return;
        }
        String url = (String) any.getField(urlField);
        if (r.getInCount() > 0 && !r.getInList().contains(url)) {
            out.error(path, "any.in", "type must be one of " + r.getInList() + ", got \"" + url + "\"");
        }
        if (r.getNotInList().contains(url)) {
            out.error(path, "any.not_in", "type must not be one of " + r.getNotInList() + ", got \"" + url
                    + "\"");
        }
    }

    /** Returns the wrapped value of a {@code google.protobuf.*Value} wrapper, else the value itself. */
    static Object unwrap(Object value) {
        if (value instanceof Message m && WRAPPERS.contains(m.getDescriptorForType().getFullName())) {
            return m.getField(m.getDescriptorForType().findFieldByName("value"));
        }
        return value;
    }

    private static String describe(Descriptors.EnumValueDescriptor value) {
        return value.getType().findValueByNumber(value.getNumber()) == null
                ? String.valueOf(value.getNumber()) : value.getName() + " (" + value.getNumber() + ")";
    }

    private static String describe(Descriptors.EnumDescriptor type, int number) {
        Descriptors.EnumValueDescriptor known = type.findValueByNumber(number);
        return known == null ? String.valueOf(number) : known.getName() + " (" + number + ")";
    }
}
