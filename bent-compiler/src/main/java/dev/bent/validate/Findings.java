package dev.bent.validate;

import java.util.ArrayList;
import java.util.List;

/** Collector of violations during one check, plus helpers that build field paths. */
final class Findings {

    private final List<RuleViolation> violations = new ArrayList<>();

    void error(String path, String rule, String message) {
        violations.add(new RuleViolation(path, rule, message, false));
    }

    void warning(String path, String rule, String message) {
        violations.add(new RuleViolation(path, rule, message, true));
    }

    /**
     * Adds violations found in a message checked alone, whose paths are relative to it, as found at
     * {@code path}.
     */
    void addAll(String path, List<RuleViolation> relative) {
        for (RuleViolation v : relative) {
            String at = v.path().isEmpty() ? path : field(path, v.path());
            violations.add(new RuleViolation(at, v.rule(), v.message(), v.warning()));
        }
    }

    /** How many violations were found so far. */
    int size() {
        return violations.size();
    }

    List<RuleViolation> result() {
        return List.copyOf(violations);
    }

    static String field(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }

    static String key(String parent, Object key) {
        if (key instanceof String text) {
            return parent + "[\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
        }
        return parent + "[" + key + "]";
    }
}
