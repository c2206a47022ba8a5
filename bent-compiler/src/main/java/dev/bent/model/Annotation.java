package dev.bent.model;

import dev.bent.diag.Location;

/**
 * One policy setting as the user wrote it, for example {@code healthcheck.path: /healthz}; the value
 * is kept as text (YAML numbers and strings are both accepted) and interpreted during resolve.
 */
public record Annotation(String key, String value, Location location) {}
