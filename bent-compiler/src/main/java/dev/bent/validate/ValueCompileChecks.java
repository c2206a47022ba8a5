package dev.bent.validate;

import com.google.protobuf.Message;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The checks Envoy makes on single values when it builds a configuration, beyond the field rules:
 * every regex compiles ({@link RegexCheck}) and every access-log format parses ({@link
 * AccessLogFormatCheck}). One walk finds both kinds of value at any depth, through typed configs.
 */
final class ValueCompileChecks {
  private static final Set<String> TYPES = union(RegexCheck.TYPES, AccessLogFormatCheck.TYPES);

  private ValueCompileChecks() {}

  /** What Envoy would refuse, or warn about, in the regexes and formats inside {@code message}. */
  static List<RuleViolation> check(Message message) {
    Findings findings = new Findings();
    for (TypedConfigFinder.Found found : TypedConfigFinder.findMessages(message, "", TYPES)) {
      String type = found.config().getDescriptorForType().getFullName();
      if (RegexCheck.TYPES.contains(type)) {
        RegexCheck.check(found, findings);
      } else {
        AccessLogFormatCheck.check(found, findings);
      }
    }
    return findings.result();
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }
}
