package dev.bent.validate;

import com.google.protobuf.Descriptors;
import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The twelve PGV numeric rule kinds (int32 ... double), read reflectively from the kind's rules
 * message since they all share the fields const, lt, lte, gt, gte, in, not_in and ignore_empty.
 */
final class NumericRules {

    private static final Comparator<Object> SIGNED_32 =
            Comparator.comparingInt(v -> ((Number) v).intValue());
    private static final Comparator<Object> SIGNED_64 =
            Comparator.comparingLong(v -> ((Number) v).longValue());
    private static final Comparator<Object> UNSIGNED_32 =
            (a, b) -> Integer.compareUnsigned(((Number) a).intValue(), ((Number) b).intValue());
    private static final Comparator<Object> UNSIGNED_64 =
            (a, b) -> Long.compareUnsigned(((Number) a).longValue(), ((Number) b).longValue());
    private static final Comparator<Object> FLOATING = (a, b) -> {
        double x = ((Number) a).doubleValue();
        double y = ((Number) b).doubleValue();
        return x < y ? -1 : x > y ? 1 : 0;
    };

    private static final Map<String, Comparator<Object>> ORDERS = Map.ofEntries(
            Map.entry("int32", SIGNED_32), Map.entry("sint32", SIGNED_32), Map.entry("sfixed32", SIGNED_32),
            Map.entry("int64", SIGNED_64), Map.entry("sint64", SIGNED_64), Map.entry("sfixed64", SIGNED_64),
            Map.entry("uint32", UNSIGNED_32), Map.entry("fixed32", UNSIGNED_32),
            Map.entry("uint64", UNSIGNED_64), Map.entry("fixed64", UNSIGNED_64),
            Map.entry("float", FLOATING), Map.entry("double", FLOATING));

    private NumericRules() {
    }

    static boolean isNumericKind(String kind) {
        return ORDERS.containsKey(kind);
    }

    /**
     * Checks {@code value} (a boxed number as protobuf reflection returns it) against the rules
     * message of {@code kind}, e.g. a {@code UInt32Rules}.
     */
    static void check(String kind, Message rules, Object value, String path, Findings out) {
        Comparator<Object> order = ORDERS.get(kind);
        if (order == null || !(value instanceof Number number)) {
            return;
        }
        if (bool(rules, "ignore_empty") && isZero(number)) {
            return;
        }
        RangeCheck.Bounds<Object> bounds = new RangeCheck.Bounds<>(
                optional(rules, "const"), optional(rules, "lt"), optional(rules, "lte"),
                optional(rules, "gt"), optional(rules, "gte"), repeated(rules, "in"),
                repeated(rules, "not_in"));
        new RangeCheck<>(kind, order, v -> format(kind, v)).check(path, value, bounds, out);
    }

    private static boolean isZero(Number number) {
        return number.doubleValue() == 0.0 && number.longValue() == 0L;
    }

    static String format(String kind, Object value) {
        Number number = (Number) value;
        return switch (kind) {
            case "uint32", "fixed32" -> Integer.toUnsignedString(number.intValue());
            case "uint64", "fixed64" -> Long.toUnsignedString(number.longValue());
            default -> String.valueOf(value);
        };
    }

    static Object optional(Message rules, String name) {
        Descriptors.FieldDescriptor field = rules.getDescriptorForType().findFieldByName(name);
        return field != null && rules.hasField(field) ? rules.getField(field) : null;
    }

    static boolean bool(Message rules, String name) {
        Object value = optional(rules, name);
        return value instanceof Boolean b && b;
    }

    static List<Object> repeated(Message rules, String name) {
        Descriptors.FieldDescriptor field = rules.getDescriptorForType().findFieldByName(name);
        if (field == null || !field.isRepeated()) {
            return List.of();
        }
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < rules.getRepeatedFieldCount(field); i++) {
            values.add(rules.getRepeatedField(field, i));
        }
        return values;
    }
}
