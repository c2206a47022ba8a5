package dev.bent.validate;

import com.google.protobuf.Descriptors;
import com.google.protobuf.Duration;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import io.envoyproxy.pgv.validate.Validate;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;

/**
 * The PGV duration and timestamp rules. {@code required} (presence) is checked by the caller; this
 * class checks the value of a present {@code google.protobuf.Duration} or {@code Timestamp}.
 * The timestamp rules {@code lt_now}, {@code gt_now} and {@code within} compare against the
 * wall clock when Envoy loads the file, which a compiler cannot know, so they are not evaluated.
 */
final class TimeRules {

    /** Seconds and nanoseconds of a duration or timestamp. */
    record Span(long seconds, int nanos) {
    }

    private static final Comparator<Span> ORDER =
            Comparator.comparingLong(Span::seconds).thenComparingInt(Span::nanos);
    private static final long MAX_DURATION_SECONDS = 315_576_000_000L;
    private static final long MIN_TIMESTAMP_SECONDS = -62_135_596_800L;
    private static final long MAX_TIMESTAMP_SECONDS = 253_402_300_799L;

    private TimeRules() {
    }

    static void checkDuration(Validate.DurationRules r, Message value, String path, Findings out) {
        Span span = span(value);
        boolean valid = Math.abs(span.seconds()) <= MAX_DURATION_SECONDS
                && Math.abs(span.nanos()) <= 999_999_999
                && !(span.seconds() > 0 && span.nanos() < 0) && !(span.seconds() < 0 && span.nanos() > 0);
        if (!valid) {
            out.error(path, "duration.valid", "is not a valid duration, got " + formatDuration(span));
            return;
        }
        RangeCheck.Bounds<Span> bounds = new RangeCheck.Bounds<>(
                r.hasConst() ? span(r.getConst()) : null, r.hasLt() ? span(r.getLt()) : null,
                r.hasLte() ? span(r.getLte()) : null, r.hasGt() ? span(r.getGt()) : null,
                r.hasGte() ? span(r.getGte()) : null, spans(r.getInList()), spans(r.getNotInList()));
        new RangeCheck<>("duration", ORDER, TimeRules::formatDuration).check(path, span, bounds, out);
    }

    static void checkTimestamp(Validate.TimestampRules r, Message value, String path, Findings out) {
        Span span = span(value);
        if (span.seconds() < MIN_TIMESTAMP_SECONDS || span.seconds() > MAX_TIMESTAMP_SECONDS
                || span.nanos() < 0 || span.nanos() > 999_999_999) {
            out.error(path, "timestamp.valid", "is not a valid timestamp, got " + span.seconds() + "s "
                    + span.nanos() + "ns");
            return;
        }
        RangeCheck.Bounds<Span> bounds = new RangeCheck.Bounds<>(
                r.hasConst() ? span(r.getConst()) : null, r.hasLt() ? span(r.getLt()) : null,
                r.hasLte() ? span(r.getLte()) : null, r.hasGt() ? span(r.getGt()) : null,
                r.hasGte() ? span(r.getGte()) : null, List.of(), List.of());
        new RangeCheck<>("timestamp", ORDER, TimeRules::formatTimestamp).check(path, span, bounds, out);
    }

    /** Reads seconds and nanos from a generated or dynamic Duration/Timestamp message. */
    static Span span(Message value) {
        if (value instanceof Duration d) {
            return new Span(d.getSeconds(), d.getNanos());
        }
        if (value instanceof Timestamp t) {
            return new Span(t.getSeconds(), t.getNanos());
        }
        Descriptors.Descriptor type = value.getDescriptorForType();
        Object seconds = value.getField(type.findFieldByName("seconds"));
        Object nanos = value.getField(type.findFieldByName("nanos"));
        return new Span(((Number) seconds).longValue(), ((Number) nanos).intValue());
    }

    private static List<Span> spans(List<Duration> durations) {
        return durations.stream().map(TimeRules::span).toList();
    }

    static String formatDuration(Span span) {
        BigDecimal seconds = BigDecimal.valueOf(span.seconds()).add(BigDecimal.valueOf(span.nanos(), 9));
        return seconds.stripTrailingZeros().toPlainString() + "s";
    }

    private static String formatTimestamp(Span span) {
        try {
            return Timestamps.toString(Timestamp.newBuilder().setSeconds(span.seconds())
                    .setNanos(span.nanos()).build());
        } catch (IllegalArgumentException e) {
            return span.seconds() + "s " + span.nanos() + "ns";
        }
    }
}
