package dev.bent.validate;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors;
import com.google.protobuf.Message;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Memory of what checking each {@code google.protobuf.Any} payload found, so that a payload met
 * again (the same Any object, or the same type URL and bytes) is not parsed and walked again. What
 * an Any holds is checked alone, whatever surrounds it, so its findings are kept with paths
 * relative to the Any and placed at each occurrence's own path.
 *
 * <p>Reasoning: every node of a mesh carries the same router, fault and access-log configs, and
 * often the same connection manager; a compile of 1,000 nodes parsed them 1,000 times. One memo
 * serves one compile (it holds the payloads' bytes, not the Any objects, until then); it is not
 * thread-safe.
 */
final class AnyMemo {
  /** What one walk found: field-rule violations and value-check violations, each in field order. */
  record Verdict(List<RuleViolation> rules, List<RuleViolation> values) {
    Verdict {
      rules = List.copyOf(rules);
      values = List.copyOf(values);
    }
  }

  /** A payload: its type URL and bytes. */
  private record Payload(String url, ByteString bytes) {}

  private final Map<Payload, Verdict> verdicts = new HashMap<>();

  /**
   * The verdict on {@code any}, computed by {@code check} (paths relative to the Any) when new. The
   * same Any object, whose bytes are the same ByteString, is found without comparing bytes.
   */
  Verdict verdict(Message any, Supplier<Verdict> check) {
    Payload payload = payload(any);
    Verdict known = verdicts.get(payload);
    if (known == null) {
      known = check.get();
      verdicts.put(payload, known);
    }
    return known;
  }

  private static Payload payload(Message any) {
    if (any instanceof Any packed) {
      return new Payload(packed.getTypeUrl(), packed.getValue());
    }
    Descriptors.Descriptor type = any.getDescriptorForType();
    return new Payload((String) any.getField(type.findFieldByName("type_url")),
        (ByteString) any.getField(type.findFieldByName("value")));
  }
}
