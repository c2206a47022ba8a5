package dev.bent.validate;

import com.google.protobuf.Message;
import java.util.List;

/**
 * The checks Envoy makes on single values when it builds a configuration, beyond the field rules:
 * every regex compiles ({@link RegexCheck}) and every access-log format parses ({@link
 * AccessLogFormatCheck}). {@link ProtoRuleChecker}'s walk finds both kinds of value at any depth,
 * through typed configs, and hands each to {@link #check(String, Message, Findings)}.
 */
final class ValueCompileChecks {
  private ValueCompileChecks() {}

  /** What Envoy would refuse, or warn about, in the regexes and formats inside {@code message}. */
  static List<RuleViolation> check(Message message) {
    return ProtoRuleChecker.checkAll(message, null).values();
  }

  /** Checks one regex matcher or access-log format found at {@code path}; other messages are ignored. */
  static void check(String path, Message found, Findings findings) {
    TypedConfigFinder.Found at = new TypedConfigFinder.Found(path, found);
    if (RegexCheck.TYPES.contains(found.getDescriptorForType().getFullName())) {
      RegexCheck.check(at, findings);
    } else {
      AccessLogFormatCheck.check(at, findings);
    }
  }
}
