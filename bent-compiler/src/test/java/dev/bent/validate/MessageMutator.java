package dev.bent.validate;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Changes one randomly chosen place of an Envoy message, at any depth and inside typed configs:
 * a field cleared, set to an edge value (empty, negative, huge, an unknown enum number, a bad
 * regex or format, an Any of an unknown type or with bad bytes), an item added to a list, or
 * unknown fields added to a message. Every field of every message, set or not, is a place.
 */
final class MessageMutator {
  private static final String ANY = "google.protobuf.Any";
  private static final List<String> STRINGS = List.of("", "a", "%", "%START_TIME%", "%NOT_A_COMMAND%", "%REQ(",
      "(", "[a-", "x".repeat(300), "bad\nvalue", " ", "*.example.com", "1.2.3.4", "::1", "/path", "\u00e9",
      "envoy.filters.http.router", "type.googleapis.com/envoy.config.cluster.v3.Cluster");
  private static final List<String> TYPE_URLS = List.of("", "type.googleapis.com/unknown.v3.Type",
      "type.googleapis.com/envoy.extensions.filters.http.router.v3.Router",
      "type.googleapis.com/envoy.extensions.filters.http.fault.v3.HTTPFault",
      "type.googleapis.com/envoy.type.matcher.v3.RegexMatcher");
  private static final long[] NUMBERS = {0, 1, -1, 2, 100, 600, 65536, Integer.MAX_VALUE, Integer.MIN_VALUE,
      Long.MAX_VALUE, -4294967296L};

  private final Random random;
  private int target;
  private int seen;

  private MessageMutator(Random random) {
    this.random = random;
  }

  /** {@code message} with one place changed, chosen with {@code seed}. */
  static Message mutate(Message message, long seed) {
    MessageMutator mutator = new MessageMutator(new Random(seed));
    mutator.target = -1;
    mutator.visit(message);
    int places = mutator.seen;
    mutator.target = mutator.random.nextInt(places);
    mutator.seen = 0;
    return mutator.visit(message);
  }

  private boolean hit() {
    return seen++ == target;
  }

  private Message visit(Message message) {
    Descriptors.Descriptor type = message.getDescriptorForType();
    if (type.getFullName().equals(ANY) && message instanceof Any any) {
      if (hit()) {
        return randomAny();
      }
      Optional<Message> content = unpack(any);
      if (content.isPresent()) {
        Message changed = visit(content.get());
        if (changed != content.get()) {
          return Any.newBuilder().setTypeUrl(any.getTypeUrl()).setValue(changed.toByteString()).build();
        }
      }
      return message;
    }
    if (hit()) {
      return message.toBuilder().setUnknownFields(UnknownFieldSet.newBuilder()
          .addField(50000 + random.nextInt(100), UnknownFieldSet.Field.newBuilder().addVarint(random.nextInt()).build())
          .build()).build();
    }
    for (Descriptors.FieldDescriptor field : type.getFields()) {
      if (hit()) {
        Message.Builder builder = message.toBuilder();
        change(builder, field);
        return builder.build();
      }
      if (field.getJavaType() != Descriptors.FieldDescriptor.JavaType.MESSAGE) {
        continue;
      }
      if (field.isRepeated()) {
        for (int i = 0; i < message.getRepeatedFieldCount(field); i++) {
          Message child = (Message) message.getRepeatedField(field, i);
          Message changed = visit(child);
          if (changed != child) {
            return message.toBuilder().setRepeatedField(field, i, changed).build();
          }
        }
      } else if (message.hasField(field)) {
        Message child = (Message) message.getField(field);
        Message changed = visit(child);
        if (changed != child) {
          return message.toBuilder().setField(field, changed).build();
        }
      }
    }
    return message;
  }

  private void change(Message.Builder builder, Descriptors.FieldDescriptor field) {
    int how = random.nextInt(3);
    if (how == 0) {
      builder.clearField(field);
    } else if (field.isRepeated()) {
      builder.addRepeatedField(field, value(builder, field));
    } else {
      builder.setField(field, value(builder, field));
    }
  }

  private Object value(Message.Builder builder, Descriptors.FieldDescriptor field) {
    long number = random.nextBoolean() ? NUMBERS[random.nextInt(NUMBERS.length)] : random.nextLong();
    return switch (field.getJavaType()) {
      case INT -> (int) number;
      case LONG -> number;
      case FLOAT -> (float) number / 3;
      case DOUBLE -> random.nextBoolean() ? Double.NaN : (double) number / 7;
      case BOOLEAN -> random.nextBoolean();
      case STRING -> STRINGS.get(random.nextInt(STRINGS.size()));
      case BYTE_STRING -> ByteString.copyFrom(bytes());
      case ENUM -> {
        List<Descriptors.EnumValueDescriptor> values = field.getEnumType().getValues();
        yield random.nextInt(4) == 0 ? field.getEnumType().findValueByNumberCreatingIfUnknown(1000 + random.nextInt(9))
            : values.get(random.nextInt(values.size()));
      }
      case MESSAGE -> message(builder.newBuilderForField(field));
    };
  }

  /** A new message: empty, a random Any, or with one scalar field set. */
  private Message message(Message.Builder fresh) {
    if (fresh.getDescriptorForType().getFullName().equals(ANY)) {
      return randomAny();
    }
    List<Descriptors.FieldDescriptor> fields = fresh.getDescriptorForType().getFields();
    if (!fields.isEmpty() && random.nextBoolean()) {
      Descriptors.FieldDescriptor field = fields.get(random.nextInt(fields.size()));
      if (field.getJavaType() != Descriptors.FieldDescriptor.JavaType.MESSAGE) {
        if (field.isRepeated()) {
          fresh.addRepeatedField(field, value(fresh, field));
        } else {
          fresh.setField(field, value(fresh, field));
        }
      }
    }
    return fresh.build();
  }

  private Any randomAny() {
    String url = TYPE_URLS.get(random.nextInt(TYPE_URLS.size()));
    byte[] value = random.nextBoolean() ? new byte[0] : bytes();
    return Any.newBuilder().setTypeUrl(url).setValue(ByteString.copyFrom(value)).build();
  }

  private byte[] bytes() {
    byte[] bytes = new byte[random.nextInt(6)];
    random.nextBytes(bytes);
    return bytes;
  }

  private static Optional<Message> unpack(Any any) {
    Optional<Message> prototype = EnvoyTypes.defaultInstance(any.getTypeUrl());
    if (prototype.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(prototype.get().getParserForType().parseFrom(any.getValue()));
    } catch (InvalidProtocolBufferException e) {
      return Optional.empty();
    }
  }
}
