package dev.bent.validate;

import java.util.Objects;

/**
 * One reason why {@link StrictParser} refused a document.
 *
 * @param location where the problem is: a field path in proto names such as
 *                 {@code resources[0].filter_chains[0].filters[0].typed_config.stat_prefx}, a
 *                 {@code line L, column C} position for syntax errors, or empty when the underlying
 *                 parser does not say
 * @param message  what is wrong
 */
public record ParseProblem(String location, String message) {

    /** Checks that no component is null. */
    public ParseProblem {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
    }

    /** Returns {@code location: message}, or only the message when the location is unknown. */
    public String describe() {
        return location.isEmpty() ? message : location + ": " + message;
    }
}
