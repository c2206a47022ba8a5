package dev.bent.validate;

import com.google.protobuf.Any;
import com.google.protobuf.Descriptors;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Finder of the typed configs of chosen types anywhere inside an Envoy message: it walks every set
 * message field, unpacks each {@code google.protobuf.Any} by its type URL (through {@link
 * EnvoyTypes}) and reports the contents whose type was asked for, with their field path. Configs
 * nested in a found config are found too. {@link #findMessages} also reports plain (not packed)
 * messages of the chosen types, such as every {@code RegexMatcher}. An Any that cannot be unpacked
 * is skipped; {@link ProtoRuleChecker} reports it. Thread-safe.
 */
final class TypedConfigFinder {

  /** One typed config found: its field path from the root and its unpacked content. */
  record Found(String path, Message config) {}

  private static final String ANY = "google.protobuf.Any";
  /** The fields worth walking, by the set of wanted plain types (empty for Any contents only) and type. */
  private static final Map<Set<String>, Map<Descriptors.Descriptor, MessagePlan.FieldPlan[]>> WALKED =
      new ConcurrentHashMap<>();
  /** Whether a type can hold an Any or a wanted plain message, by the set of wanted types and type. */
  private static final Map<Set<String>, Map<Descriptors.Descriptor, Boolean>> REACHES = new ConcurrentHashMap<>();

  private final Predicate<String> wanted;
  /** The plain message types to report, or null to report only Any contents. */
  private final Set<String> plain;
  private final List<Found> found = new ArrayList<>();
  private final Map<Descriptors.Descriptor, MessagePlan.FieldPlan[]> walked;

  private TypedConfigFinder(Predicate<String> wanted, Set<String> plain) {
    this.wanted = wanted;
    this.plain = plain;
    this.walked = WALKED.computeIfAbsent(plain == null ? Set.of() : plain, p -> new ConcurrentHashMap<>());
  }

  /**
   * Returns every typed config in {@code root} whose full type name is in {@code fullNames}, in
   * field order; {@code rootPath} is prefixed to each path.
   */
  static List<Found> find(Message root, String rootPath, Set<String> fullNames) {
    return find(root, rootPath, fullNames::contains);
  }

  /** Returns every typed config in {@code root} whose full type name {@code wanted} accepts. */
  static List<Found> find(Message root, String rootPath, Predicate<String> wanted) {
    TypedConfigFinder finder = new TypedConfigFinder(wanted, null);
    finder.value(root, rootPath);
    return List.copyOf(finder.found);
  }

  /**
   * Returns every message in {@code root} (itself included) whose full type name is in {@code
   * fullNames}, packed in an Any or not, in field order.
   */
  static List<Found> findMessages(Message root, String rootPath, Set<String> fullNames) {
    TypedConfigFinder finder = new TypedConfigFinder(fullNames::contains, Set.copyOf(fullNames));
    finder.value(root, rootPath);
    return List.copyOf(finder.found);
  }

  private void fields(Message message, String path) {
    for (MessagePlan.FieldPlan plan : walked(message.getDescriptorForType())) {
      Descriptors.FieldDescriptor field = plan.field;
      if (field.isRepeated()) {
        int count = plan.count(message);
        if (count == 0) {
          continue;
        }
        String at = Findings.field(path, field.getName());
        if (field.isMapField()) {
          mapValues(field, (List<?>) message.getField(field), at);
        } else {
          for (int i = 0; i < count; i++) {
            value((Message) plan.get(message, i), Findings.index(at, i));
          }
        }
      } else if (plan.has(message)) {
        value((Message) plan.get(message), Findings.field(path, field.getName()));
      }
    }
  }

  /**
   * The message fields of {@code type} that can hold an Any or a wanted plain message at some
   * depth, in field order; the walk skips the others (most of a route or cluster), which makes it
   * several times faster. Worked out once per type and set of wanted types.
   */
  private MessagePlan.FieldPlan[] walked(Descriptors.Descriptor type) {
    MessagePlan.FieldPlan[] fields = walked.get(type);
    if (fields == null) {
      Set<String> targets = plain == null ? Set.of() : plain;
      Map<Descriptors.Descriptor, Boolean> reach = REACHES.computeIfAbsent(targets, p -> new ConcurrentHashMap<>());
      fields = walked.computeIfAbsent(type, t -> Arrays.stream(MessagePlan.of(t).fields)
          .filter(f -> f.message && reach.computeIfAbsent(f.field.getMessageType(), c -> reaches(c, targets)))
          .toArray(MessagePlan.FieldPlan[]::new));
    }
    return fields;
  }

  /** Whether a message of {@code root} can hold an Any or a message of {@code targets} at some depth. */
  private static boolean reaches(Descriptors.Descriptor root, Set<String> targets) {
    Set<Descriptors.Descriptor> seen = new HashSet<>();
    Deque<Descriptors.Descriptor> pending = new ArrayDeque<>(List.of(root));
    while (!pending.isEmpty()) {
      Descriptors.Descriptor type = pending.pop();
      if (type.getFullName().equals(ANY) || targets.contains(type.getFullName())) {
        return true;
      }
      if (seen.add(type)) {
        for (Descriptors.FieldDescriptor field : type.getFields()) {
          if (field.getJavaType() == Descriptors.FieldDescriptor.JavaType.MESSAGE) {
            pending.push(field.getMessageType());
          }
        }
      }
    }
    return false;
  }

  private void mapValues(Descriptors.FieldDescriptor field, List<?> entries, String path) {
    Descriptors.FieldDescriptor keyField = field.getMessageType().findFieldByNumber(1);
    Descriptors.FieldDescriptor valueField = field.getMessageType().findFieldByNumber(2);
    if (valueField.getJavaType() != Descriptors.FieldDescriptor.JavaType.MESSAGE) {
      return;
    }
    for (Object item : entries) {
      Message entry = (Message) item;
      value((Message) entry.getField(valueField), Findings.key(path, entry.getField(keyField)));
    }
  }

  private void value(Message message, String path) {
    if (!(message instanceof Any any)) {
      if (plain != null && plain.contains(message.getDescriptorForType().getFullName())) {
        found.add(new Found(path, message));
      }
      fields(message, path);
      return;
    }
    unpack(any).ifPresent(content -> {
      if (wanted.test(content.getDescriptorForType().getFullName())) {
        found.add(new Found(path, content));
      }
      fields(content, path);
    });
  }

  private static Optional<Message> unpack(Any any) {
    Optional<Message> prototype = EnvoyTypes.defaultInstance(any.getTypeUrl());
    if (prototype.isEmpty()) {
      return Optional.empty();
    }
    Message type = prototype.get();
    try {
      String url = any.getTypeUrl();
      if (url.substring(url.lastIndexOf('/') + 1).equals(type.getDescriptorForType().getFullName())) {
        // The Any keeps what it unpacks: the checks that look into one resource parse it once.
        return Optional.of(any.unpack(type.getClass()));
      }
      return Optional.of(type.getParserForType().parseFrom(any.getValue()));
    } catch (InvalidProtocolBufferException e) {
      return Optional.empty();
    }
  }
}
