package dev.bent.validate;

import com.google.protobuf.Descriptors;
import com.google.protobuf.GeneratedMessageV3;
import com.google.protobuf.Message;
import io.envoyproxy.pgv.validate.Validate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What checking a message of one type needs to look at, read from its descriptor once per process:
 * the fields that can yield a finding (a scalar without rules or deprecation marks never can), with
 * their PGV rules and marks, the oneofs that must be set, and whether anything below the type can
 * hold a rule, a mark, an {@code Any} or a value that {@link ValueCompileChecks} looks at.
 *
 * <p>Reasoning: reading options through {@link RuleOptions} costs a map look-up per field and per
 * visit; a compile of many nodes visits the same few hundred types millions of times. A plan is
 * immutable apart from the link to each field's own plan, which is filled in on first use (a race
 * only looks the same plan up twice), so plans are shared by every thread.
 */
final class MessagePlan {
  private static final String ANY = "google.protobuf.Any";
  private static final Set<String> VALUE_TYPES = union(RegexCheck.TYPES, AccessLogFormatCheck.TYPES);
  private static final Map<Descriptors.Descriptor, MessagePlan> PLANS = new ConcurrentHashMap<>();

  /** One field that checking can find something in. */
  static final class FieldPlan {
    /** How many reads of generated messages make a field worth a {@link FieldReader}. */
    static final int HOT = 200;

    final Descriptors.FieldDescriptor field;
    final String name;
    /** The field's PGV rules, or null. */
    final Validate.FieldRules rules;
    /** Whether the field carries a deprecation mark (reported when it is set). */
    final boolean marked;
    /** The real oneof the field belongs to, or null. */
    final Descriptors.OneofDescriptor oneof;
    final boolean map;
    final boolean repeated;
    final boolean message;
    final boolean presence;
    /** For a map field, its entry's key and value fields. */
    final Descriptors.FieldDescriptor key;
    final Descriptors.FieldDescriptor value;
    /** The message type of the field, or of a map field's values; null for scalars. */
    private final Descriptors.Descriptor childType;
    private MessagePlan child;

    private FieldPlan(Descriptors.FieldDescriptor field) {
      RuleOptions.FieldMeta meta = RuleOptions.field(field);
      this.field = field;
      this.name = field.getName();
      this.rules = meta.rules().orElse(null);
      this.marked = meta.disallowed() || meta.deprecated() || !meta.deprecatedAt().isEmpty();
      this.oneof = field.getRealContainingOneof();
      this.map = field.isMapField();
      this.repeated = field.isRepeated();
      this.message = field.getJavaType() == Descriptors.FieldDescriptor.JavaType.MESSAGE;
      this.presence = field.hasPresence();
      this.key = map ? field.getMessageType().findFieldByNumber(1) : null;
      this.value = map ? field.getMessageType().findFieldByNumber(2) : null;
      Descriptors.FieldDescriptor holder = map ? value : field;
      this.childType = holder.getJavaType() == Descriptors.FieldDescriptor.JavaType.MESSAGE
          ? holder.getMessageType() : null;
    }

    /**
     * Reads the field of one generated class without reflection; null until the field has been
     * read {@link #HOT} times from generated messages.
     */
    private FieldReader reader;
    private int reads;
    private boolean readerTried;

    /** {@link com.google.protobuf.Message#hasField}, for a singular field. */
    boolean has(Message message) {
      FieldReader fast = reader(message);
      return fast != null ? fast.has(message) : message.hasField(field);
    }

    /** {@link Message#getField}, for a singular field. */
    Object get(Message message) {
      FieldReader fast = reader(message);
      return fast != null ? fast.get(message) : message.getField(field);
    }

    /** {@link Message#getRepeatedFieldCount}. */
    int count(Message message) {
      FieldReader fast = reader(message);
      return fast != null ? fast.count(message) : message.getRepeatedFieldCount(field);
    }

    /** {@link Message#getRepeatedField}. */
    Object get(Message message, int index) {
      FieldReader fast = reader(message);
      return fast != null ? fast.get(message, index) : message.getRepeatedField(field, index);
    }

    /**
     * The reader for {@code message}'s class, made once the field is hot (reads of generated
     * messages); null before, and for any other class (a DynamicMessage reads its fields from a
     * map, without reflection).
     *
     * <p>Reasoning: making a reader defines small classes, which costs more than reflection for a
     * field read a few times, as in a one-node compile; a compile of many nodes reads the same
     * fields thousands of times. The count is not synchronized: a lost update only delays it.
     */
    private FieldReader reader(Message message) {
      FieldReader fast = reader;
      if (fast == null) {
        if (readerTried || !(message instanceof GeneratedMessageV3) || ++reads < HOT) {
          return null;
        }
        fast = FieldReader.of(message.getClass(), field);
        reader = fast;
        readerTried = true;
        if (fast == null) {
          return null;
        }
      }
      return fast.type == message.getClass() ? fast : null;
    }

    /** The plan of the field's message type (a map field's value type); null for scalars. */
    MessagePlan child() {
      MessagePlan plan = child;
      if (plan == null && childType != null) {
        plan = of(childType);
        child = plan;
      }
      return plan;
    }
  }

  final Descriptors.Descriptor type;
  final boolean any;
  final boolean rulesDisabled;
  /** Whether {@link ValueCompileChecks} checks messages of this type. */
  final boolean valueChecked;
  final List<Descriptors.OneofDescriptor> requiredOneofs;
  /** The fields that can yield a finding, in declaration order. */
  final FieldPlan[] fields;
  /**
   * True when nothing at or below this type carries a rule, a mark, a required oneof, an Any or a
   * value check: the only finding such a subtree can hold is a message with unknown fields.
   */
  final boolean quiet;

  private MessagePlan(Descriptors.Descriptor type) {
    this.type = type;
    this.any = type.getFullName().equals(ANY);
    this.rulesDisabled = RuleOptions.rulesDisabled(type);
    this.valueChecked = VALUE_TYPES.contains(type.getFullName());
    this.requiredOneofs = type.getRealOneofs().stream().filter(RuleOptions::oneofRequired).toList();
    List<FieldPlan> planned = new ArrayList<>();
    for (Descriptors.FieldDescriptor field : type.getFields()) {
      if (!RuleOptions.inert(field)) {
        planned.add(new FieldPlan(field));
      }
    }
    this.fields = planned.toArray(new FieldPlan[0]);
    this.quiet = !anyLoud(type);
  }

  /** The plan of {@code type}, made on first use. */
  static MessagePlan of(Descriptors.Descriptor type) {
    MessagePlan plan = PLANS.get(type);
    return plan != null ? plan : PLANS.computeIfAbsent(type, MessagePlan::new);
  }

  /** Whether some type reachable from {@code root}, itself included, can yield more than unknown fields. */
  private static boolean anyLoud(Descriptors.Descriptor root) {
    Deque<Descriptors.Descriptor> pending = new ArrayDeque<>();
    Set<Descriptors.Descriptor> seen = new HashSet<>();
    pending.push(root);
    while (!pending.isEmpty()) {
      Descriptors.Descriptor type = pending.pop();
      if (!seen.add(type)) {
        continue;
      }
      if (loud(type)) {
        return true;
      }
      for (Descriptors.FieldDescriptor field : type.getFields()) {
        if (field.getJavaType() == Descriptors.FieldDescriptor.JavaType.MESSAGE) {
          pending.push(field.getMessageType());
        }
      }
    }
    return false;
  }

  /** Whether the type's own fields, oneofs or kind can yield more than unknown fields. */
  private static boolean loud(Descriptors.Descriptor type) {
    if (type.getFullName().equals(ANY) || VALUE_TYPES.contains(type.getFullName())
        || type.getRealOneofs().stream().anyMatch(RuleOptions::oneofRequired)) {
      return true;
    }
    for (Descriptors.FieldDescriptor field : type.getFields()) {
      RuleOptions.FieldMeta meta = RuleOptions.field(field);
      boolean scalar = field.getJavaType() != Descriptors.FieldDescriptor.JavaType.MESSAGE;
      if ((scalar && !RuleOptions.inert(field)) || meta.rules().isPresent() || meta.deprecated()
          || !meta.deprecatedAt().isEmpty() || meta.disallowed()) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }
}
