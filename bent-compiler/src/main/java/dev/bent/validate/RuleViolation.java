package dev.bent.validate;

import java.util.Objects;

/**
 * One broken protoc-gen-validate rule or deprecation mark found in an Envoy message.
 *
 * @param path    field path from the root message in proto field names, with list indexes and map
 *                keys, continuing through {@code Any} contents, e.g.
 *                {@code resources[2].load_assignment.endpoints[0].lb_endpoints[1].load_balancing_weight};
 *                empty for the root message itself
 * @param rule    short rule id, e.g. {@code uint32.gte}, {@code string.min_len},
 *                {@code message.required}, {@code oneof.required}, {@code deprecated.disallowed}
 * @param message human-readable explanation, e.g. "must be at least 1, got 0"
 * @param warning true when Envoy would only warn (deprecated but still allowed), false when it
 *                rejects the configuration
 */
public record RuleViolation(String path, String rule, String message, boolean warning) {

    /** Checks that no component is null. */
    public RuleViolation {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }

    /** Returns a one-line description: severity, path, message and rule id. */
    public String describe() {
        return (warning ? "warning " : "error ") + (path.isEmpty() ? "<root>" : path) + ": "
                + message + " [" + rule + "]";
    }
}
