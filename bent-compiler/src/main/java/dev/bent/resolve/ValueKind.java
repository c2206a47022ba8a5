package dev.bent.resolve;

import dev.bent.value.Durations;
import dev.bent.value.Numbers;
import dev.bent.value.Texts;
import java.time.Duration;
import java.util.Locale;

/**
 * The type of an annotation value: how its text is parsed and what range it must be in. {@link
 * #parse} returns the typed value or throws {@link IllegalArgumentException} with a message that
 * completes "annotation X ...".
 */
public enum ValueKind {
  /** An HTTP path starting with "/". */
  PATH("path starting with /") {
    @Override
    Object parse(String text) {
      if (!text.startsWith("/") || text.chars().anyMatch(c -> c <= ' ' || c == 127)) {
        throw new IllegalArgumentException("must be a path starting with \"/\", got \"" + Texts.shorten(text) + "\"");
      }
      return text;
    }
  },
  /** A duration above zero: milliseconds as a plain number (the seed's form) or with a unit. */
  DURATION("duration: milliseconds, or a number with ms, s or m") {
    @Override
    Object parse(String text) {
      return Durations.parse(text, Duration.ofMillis(1));
    }
  },
  /** A TCP port in [1, 65535]. */
  PORT("port, 1 to 65535") {
    @Override
    Object parse(String text) {
      return (int) integer(text, 1, 65535);
    }
  },
  /** A non-negative count that fits Envoy's uint32. */
  COUNT("integer, 0 to 4294967295") {
    @Override
    Object parse(String text) {
      return integer(text, 0, MAX_UINT32);
    }
  },
  /** A positive count that fits Envoy's uint32. */
  POSITIVE_COUNT("integer, 1 to 4294967295") {
    @Override
    Object parse(String text) {
      return integer(text, 1, MAX_UINT32);
    }
  },
  /** A whole percentage in [0, 100]. */
  PERCENT("integer percentage, 0 to 100") {
    @Override
    Object parse(String text) {
      return (int) integer(text, 0, 100);
    }
  },
  /** An HTTP status an abort may return: [200, 599]. */
  STATUS("HTTP status, 200 to 599") {
    @Override
    Object parse(String text) {
      return (int) integer(text, 200, 599);
    }
  },
  /** Inclusive status range "200-399" or a single status "200", within [100, 599]. */
  STATUS_RANGE("status range such as 200-399 (inclusive), 100 to 599") {
    @Override
    Object parse(String text) {
      String[] parts = text.trim().split("-", -1);
      if (parts.length > 2) {
        throw new IllegalArgumentException(
            "must be a status or an inclusive range such as \"200-399\", got \"" + Texts.shorten(text) + "\"");
      }
      int start = (int) integer(parts[0], 100, 599);
      int end = parts.length == 2 ? (int) integer(parts[1], 100, 599) : start;
      if (end < start) {
        throw new IllegalArgumentException(
            "range must not end before it starts, got \"" + Texts.shorten(text) + "\"");
      }
      return new StatusRange(start, end);
    }
  },
  /** A switch: present and empty or "true" turns it on, "false" off (the seed's fault.inject: ""). */
  FLAG("flag: \"\", true or false") {
    @Override
    Object parse(String text) {
      String t = text.trim().toLowerCase(Locale.ROOT);
      if (t.isEmpty() || t.equals("true")) {
        return Boolean.TRUE;
      }
      if (t.equals("false")) {
        return Boolean.FALSE;
      }
      throw new IllegalArgumentException("must be \"\", \"true\" or \"false\", got \"" + Texts.shorten(text) + "\"");
    }
  },

  /** A share of a virtual service's split: {@code <service>=<weight>}, the weight at least 1. */
  SPLIT_SHARE("virtual service and weight such as reviews.svc=10, the weight 1 to 4294967295") {
    @Override
    Object parse(String text) {
      int eq = text.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException(
            "must be <virtual service>=<weight>, such as \"reviews.svc=10\", got \"" + text + "\"");
      }
      String service = text.substring(0, eq).trim();
      String problem = Names.serviceNameProblem(service);
      if (problem != null) {
        throw new IllegalArgumentException("names no valid service: " + problem);
      }
      return new SplitShare(service, integer(text.substring(eq + 1), 1, MAX_UINT32));
    }
  },

  /** Envoy's retry_on conditions, comma-separated. */
  RETRY_ON("comma-separated retry conditions: " + String.join(", ", RetryConditions.NAMES)) {
    @Override
    Object parse(String text) {
      java.util.List<String> conditions = new java.util.ArrayList<>();
      for (String part : text.split(",", -1)) {
        String condition = part.trim();
        if (!RetryConditions.NAMES.contains(condition)) {
          throw new IllegalArgumentException(
              "has unknown retry condition \"" + condition + "\""
                  + dev.bent.diag.Suggestions.didYouMean(condition, RetryConditions.NAMES)
                  + "; Envoy knows " + String.join(", ", RetryConditions.NAMES));
        }
        if (!conditions.contains(condition)) {
          conditions.add(condition);
        }
      }
      return String.join(",", conditions);
    }
  };

  static final long MAX_UINT32 = 4_294_967_295L;

  private final String description;

  ValueKind(String description) {
    this.description = description;
  }

  /** How the README and error messages describe this kind. */
  public String description() {
    return description;
  }

  abstract Object parse(String text);

  static long integer(String text, long min, long max) {
    return Numbers.integer(text, min, max);
  }

  /** This service's weight in the split of virtual service {@code service}. */
  public record SplitShare(String service, long weight) {}

  /** An inclusive range of HTTP statuses, as users write it. */
  public record StatusRange(int first, int last) {}
}
