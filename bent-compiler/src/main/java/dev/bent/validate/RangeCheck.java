package dev.bent.validate;

import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The PGV comparison rules ({@code const}, {@code lt}, {@code lte}, {@code gt}, {@code gte},
 * {@code in}, {@code not_in}) for any ordered value: numbers, durations and timestamps.
 *
 * <p>As in protoc-gen-validate, a lower and an upper bound together form a range; when the upper
 * bound is not above the lower one the range is exclusive (the value must lie outside it). A
 * violated inclusive range is reported under the id of the bound that was crossed; a violated
 * exclusive range under {@code <kind>.exclusive_range}.
 */
final class RangeCheck<T> {

    /** The bounds of one rule; absent bounds are null, absent lists empty. */
    record Bounds<T>(T constant, T lt, T lte, T gt, T gte, List<T> in, List<T> notIn) {
    }

    private final String kind;
    private final Comparator<T> order;
    private final Function<T, String> format;

    RangeCheck(String kind, Comparator<T> order, Function<T, String> format) {
        this.kind = kind;
        this.order = order;
        this.format = format;
    }

    void check(String path, T value, Bounds<T> bounds, Findings out) {
        String got = ", got " + format.apply(value);
        if (bounds.constant() != null && order.compare(value, bounds.constant()) != 0) {
            out.error(path, kind + ".const", "must equal " + format.apply(bounds.constant()) + got);
        }
        checkRange(path, value, bounds, got, out);
        if (!bounds.in().isEmpty() && bounds.in().stream().noneMatch(v -> order.compare(v, value) == 0)) {
            out.error(path, kind + ".in", "must be one of " + list(bounds.in()) + got);
        }
        if (bounds.notIn().stream().anyMatch(v -> order.compare(v, value) == 0)) {
            out.error(path, kind + ".not_in", "must not be one of " + list(bounds.notIn()) + got);
        }
    }

    private void checkRange(String path, T v, Bounds<T> b, String got, Findings out) {
        T upper = b.lt() != null ? b.lt() : b.lte();
        boolean upperInclusive = b.lt() == null;
        T lower = b.gt() != null ? b.gt() : b.gte();
        boolean lowerInclusive = b.gt() == null;
        if (upper == null && lower == null) {
            return;
        }
        boolean tooLow = lower != null && (lowerInclusive ? cmp(v, lower) < 0 : cmp(v, lower) <= 0);
        boolean tooHigh = upper != null && (upperInclusive ? cmp(v, upper) > 0 : cmp(v, upper) >= 0);
        String lowerId = kind + (lowerInclusive ? ".gte" : ".gt");
        String upperId = kind + (upperInclusive ? ".lte" : ".lt");
        if (upper == null) {
            if (tooLow) {
                out.error(path, lowerId, (lowerInclusive ? "must be at least " : "must be greater than ")
                        + format.apply(lower) + got);
            }
            return;
        }
        if (lower == null) {
            if (tooHigh) {
                out.error(path, upperId, (upperInclusive ? "must be at most " : "must be less than ")
                        + format.apply(upper) + got);
            }
            return;
        }
        if (cmp(upper, lower) > 0) {
            if (tooLow || tooHigh) {
                String range = (lowerInclusive ? "[" : "(") + format.apply(lower) + ", "
                        + format.apply(upper) + (upperInclusive ? "]" : ")");
                out.error(path, tooLow ? lowerId : upperId, "must be inside range " + range + got);
            }
            return;
        }
        // Exclusive range: the value must not lie between the upper bound and the lower bound.
        boolean aboveUpper = upperInclusive ? cmp(v, upper) > 0 : cmp(v, upper) >= 0;
        boolean belowLower = lowerInclusive ? cmp(v, lower) < 0 : cmp(v, lower) <= 0;
        if (aboveUpper && belowLower) {
            String range = (upperInclusive ? "(" : "[") + format.apply(upper) + ", "
                    + format.apply(lower) + (lowerInclusive ? ")" : "]");
            out.error(path, kind + ".exclusive_range", "must be outside range " + range + got);
        }
    }

    private int cmp(T a, T b) {
        return order.compare(a, b);
    }

    private String list(List<T> values) {
        return values.stream().map(format).collect(Collectors.joining(", ", "[", "]"));
    }
}
