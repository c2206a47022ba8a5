package dev.bent.ir;

/** One effective annotation value of a service and where it came from (a place, or "default"). */
public record PolicyValue(String key, String value, String origin) {}
