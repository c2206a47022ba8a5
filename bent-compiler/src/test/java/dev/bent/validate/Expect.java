package dev.bent.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.protobuf.Message;
import java.util.List;
import java.util.stream.Collectors;

/** Assertions on checker results that print every violation when they fail. */
final class Expect {

    static final ProtoRuleChecker CHECKER = ProtoRuleChecker.create();

    private Expect() {
    }

    /** Asserts that checking {@code message} yields exactly one error, at {@code path} under {@code rule}. */
    static RuleViolation onlyError(Message message, String path, String rule) {
        List<RuleViolation> violations = CHECKER.check(message);
        assertEquals(1, violations.size(), () -> "expected one violation, got " + describe(violations));
        RuleViolation violation = violations.get(0);
        assertEquals(path, violation.path(), () -> describe(violations));
        assertEquals(rule, violation.rule(), () -> describe(violations));
        assertFalse(violation.warning(), () -> describe(violations));
        return violation;
    }

    /** Asserts that checking {@code message} yields nothing at all, not even warnings. */
    static void clean(Message message) {
        List<RuleViolation> violations = CHECKER.check(message);
        assertEquals(List.of(), violations, () -> describe(violations));
    }

    static String describe(List<RuleViolation> violations) {
        return violations.isEmpty() ? "no violations"
                : violations.stream().map(RuleViolation::describe).collect(Collectors.joining("\n  ", "\n  ", ""));
    }
}
