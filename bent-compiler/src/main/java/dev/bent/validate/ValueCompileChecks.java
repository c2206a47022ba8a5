package dev.bent.validate;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
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

  /**
   * Checks one regex matcher or access-log format found at {@code path}. Inside a typed config it
   * is a {@code DynamicMessage}; the checks read the generated class, so it is read again as one.
   */
  static void check(String path, Message found, Findings findings) {
    Message config = generated(found);
    if (config == null) {
      return;
    }
    TypedConfigFinder.Found at = new TypedConfigFinder.Found(path, config);
    if (RegexCheck.TYPES.contains(config.getDescriptorForType().getFullName())) {
      RegexCheck.check(at, findings);
    } else {
      AccessLogFormatCheck.check(at, findings);
    }
  }

  private static Message generated(Message found) {
    if (!(found instanceof DynamicMessage)) {
      return found;
    }
    Message prototype = EnvoyTypes.defaultInstance(found.getDescriptorForType().getFullName()).orElse(null);
    if (prototype == null) {
      return null;
    }
    try {
      return prototype.getParserForType().parseFrom(found.toByteString());
    } catch (InvalidProtocolBufferException e) {
      return null;
    }
  }
}
