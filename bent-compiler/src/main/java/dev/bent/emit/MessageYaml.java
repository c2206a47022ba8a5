package dev.bent.emit;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Duration;
import com.google.protobuf.FieldMask;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.FieldMaskUtil;
import com.google.protobuf.util.Timestamps;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Writes protobuf messages as YAML by walking their descriptors, in the proto3 JSON mapping with
 * proto field names: set fields in field-number order, enums by name, 64-bit integers as strings,
 * bytes as base64, and the well-known types in their JSON forms (wrappers as their value,
 * {@code Duration} as {@code "1.5s"}, {@code Struct} as a mapping, {@code Any} as its message with
 * an {@code "@type"} key first).
 */
final class MessageYaml {
  private static final String TYPE_URL_PREFIX = "type.googleapis.com/";

  private final YamlText out;
  private final AnyTypes types;

  private MessageYaml(YamlText out, AnyTypes types) {
    this.out = out;
    this.types = types;
  }

  /** {@code message} as a YAML document. */
  static String document(Message message, AnyTypes types) {
    StringBuilder text = new StringBuilder(1024);
    YamlText out = new YamlText(text);
    new MessageYaml(out, types).message(message);
    out.end();
    return text.toString();
  }

  /**
   * {@code message} packed in an {@code Any}, as the one item of a YAML sequence.
   *
   * <p>The message is written as the {@code Any} carries it: read back from its bytes as a dynamic
   * message. Reasoning: reading a dynamic message's fields needs only the descriptors, where a
   * generated message's reflection first looks up the accessor methods of every field of its class,
   * a large part of a short compile; the bytes also make unpaired surrogates '?', as packing does.
   */
  static String packedItem(Message message, AnyTypes types) {
    StringBuilder text = new StringBuilder(1024);
    YamlText out = new YamlText(text);
    MessageYaml walker = new MessageYaml(out, types);
    String name = message.getDescriptorForType().getFullName();
    String typeUrl = TYPE_URL_PREFIX + name;
    out.startSequence(false);
    walker.anyContent(typeUrl, name, types.read(typeUrl, name, message.toByteString()));
    out.endSequence();
    out.end();
    return text.toString();
  }

  private void message(Message message) {
    String name = message.getDescriptorForType().getFullName();
    switch (name) {
      case "google.protobuf.Any" -> any(message);
      case "google.protobuf.BoolValue", "google.protobuf.Int32Value", "google.protobuf.UInt32Value",
          "google.protobuf.Int64Value", "google.protobuf.UInt64Value", "google.protobuf.StringValue",
          "google.protobuf.BytesValue", "google.protobuf.FloatValue", "google.protobuf.DoubleValue" -> {
        FieldDescriptor value = message.getDescriptorForType().findFieldByName("value");
        single(value, message.getField(value));
      }
      case "google.protobuf.Timestamp" -> out.string(Timestamps.toString(as(message, Timestamp.getDefaultInstance())));
      case "google.protobuf.Duration" -> out.string(Durations.toString(as(message, Duration.getDefaultInstance())));
      case "google.protobuf.FieldMask" ->
          out.string(FieldMaskUtil.toJsonString(as(message, FieldMask.getDefaultInstance())));
      case "google.protobuf.Struct" -> {
        FieldDescriptor fields = message.getDescriptorForType().findFieldByName("fields");
        map(fields, (List<?>) message.getField(fields));
      }
      case "google.protobuf.Value" -> value(message);
      case "google.protobuf.ListValue" -> {
        FieldDescriptor values = message.getDescriptorForType().findFieldByName("values");
        repeated(values, (List<?>) message.getField(values));
      }
      default -> fields(message, null);
    }
  }

  private static boolean isWellKnown(String name) {
    return switch (name) {
      case "google.protobuf.Any", "google.protobuf.BoolValue", "google.protobuf.Int32Value",
          "google.protobuf.UInt32Value", "google.protobuf.Int64Value", "google.protobuf.UInt64Value",
          "google.protobuf.StringValue", "google.protobuf.BytesValue", "google.protobuf.FloatValue",
          "google.protobuf.DoubleValue", "google.protobuf.Timestamp", "google.protobuf.Duration",
          "google.protobuf.FieldMask", "google.protobuf.Struct", "google.protobuf.Value",
          "google.protobuf.ListValue" -> true;
      default -> false;
    };
  }

  /** A well-known message as its generated class, whether it came generated or dynamic. */
  @SuppressWarnings("unchecked")
  private static <T extends Message> T as(Message message, T type) {
    if (type.getClass().isInstance(message)) {
      return (T) message;
    }
    try {
      return (T) type.getParserForType().parseFrom(message.toByteString());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A message's set fields in field-number order, after an {@code "@type"} key when one is given. */
  private void fields(Message message, String typeUrl) {
    Map<FieldDescriptor, Object> fields = message.getAllFields();
    if (typeUrl == null && fields.isEmpty()) {
      out.startMapping(true);
      return;
    }
    out.startMapping(false);
    if (typeUrl != null) {
      out.key("@type");
      out.string(typeUrl);
    }
    for (Map.Entry<FieldDescriptor, Object> field : fields.entrySet()) {
      FieldDescriptor descriptor = field.getKey();
      out.key(descriptor.getName());
      if (descriptor.isMapField()) {
        map(descriptor, (List<?>) field.getValue());
      } else if (descriptor.isRepeated()) {
        repeated(descriptor, (List<?>) field.getValue());
      } else {
        single(descriptor, field.getValue());
      }
    }
    out.endMapping();
  }

  private void repeated(FieldDescriptor field, List<?> values) {
    out.startSequence(values.isEmpty());
    if (values.isEmpty()) {
      return;
    }
    for (Object value : values) {
      single(field, value);
    }
    out.endSequence();
  }

  private void map(FieldDescriptor field, List<?> entries) {
    out.startMapping(entries.isEmpty());
    if (entries.isEmpty()) {
      return;
    }
    FieldDescriptor key = field.getMessageType().findFieldByName("key");
    FieldDescriptor value = field.getMessageType().findFieldByName("value");
    for (Object element : entries) {
      Message entry = (Message) element;
      out.key(mapKey(key, entry.getField(key)));
      single(value, entry.getField(value));
    }
    out.endMapping();
  }

  private String mapKey(FieldDescriptor key, Object value) {
    return switch (key.getType()) {
      case UINT32, FIXED32 -> Integer.toUnsignedString((Integer) value);
      case UINT64, FIXED64 -> Long.toUnsignedString((Long) value);
      case STRING -> (String) value;
      default -> value.toString();
    };
  }

  private void single(FieldDescriptor field, Object value) {
    switch (field.getType()) {
      case INT32, SINT32, SFIXED32 -> out.plain(value.toString());
      case INT64, SINT64, SFIXED64 -> out.string(value.toString());
      case UINT32, FIXED32 -> out.plain(Integer.toUnsignedString((Integer) value));
      case UINT64, FIXED64 -> out.string(Long.toUnsignedString((Long) value));
      case BOOL -> out.plain(value.toString());
      case FLOAT -> floating((Float) value, true);
      case DOUBLE -> floating((Double) value, false);
      case STRING -> out.string((String) value);
      case BYTES -> out.string(Base64.getEncoder().encodeToString(((ByteString) value).toByteArray()));
      case ENUM -> enumValue(field, (EnumValueDescriptor) value);
      case MESSAGE, GROUP -> message((Message) value);
    }
  }

  /**
   * A floating-point number as the JSON mapping writes it and a JSON reader reads it back as a
   * double: a float goes through its shortest decimal text first.
   */
  private void floating(double value, boolean isFloat) {
    if (Double.isNaN(value)) {
      out.string("NaN");
    } else if (Double.isInfinite(value)) {
      out.string(value < 0 ? "-Infinity" : "Infinity");
    } else if (isFloat) {
      out.plain(Double.toString(Double.parseDouble(Float.toString((float) value))));
    } else {
      out.plain(Double.toString(value));
    }
  }

  private void enumValue(FieldDescriptor field, EnumValueDescriptor value) {
    if (field.getEnumType().getFullName().equals("google.protobuf.NullValue")) {
      out.plain("null");
    } else if (value.getIndex() == -1) {
      out.plain(Integer.toString(value.getNumber()));
    } else {
      out.string(value.getName());
    }
  }

  /** A {@code google.protobuf.Value}: the one value it holds, or null. */
  private void value(Message message) {
    Map<FieldDescriptor, Object> fields = message.getAllFields();
    if (fields.isEmpty()) {
      out.plain("null");
      return;
    }
    Map.Entry<FieldDescriptor, Object> only = fields.entrySet().iterator().next();
    if (only.getKey().getType() == FieldDescriptor.Type.DOUBLE) {
      double number = (Double) only.getValue();
      if (Double.isNaN(number) || Double.isInfinite(number)) {
        throw new IllegalArgumentException(
            "google.protobuf.Value cannot encode double values for infinity or nan, because they would be"
                + " parsed as a string.");
      }
    }
    single(only.getKey(), only.getValue());
  }

  private void any(Message any) {
    FieldDescriptor typeUrlField = any.getDescriptorForType().findFieldByName("type_url");
    FieldDescriptor valueField = any.getDescriptorForType().findFieldByName("value");
    String typeUrl = (String) any.getField(typeUrlField);
    ByteString value = (ByteString) any.getField(valueField);
    if (typeUrl.isEmpty() && value.isEmpty() && any.getUnknownFields().asMap().isEmpty()) {
      out.startMapping(true);
      return;
    }
    String[] parts = typeUrl.split("/");
    if (parts.length == 1) {
      throw new IllegalStateException("type missing from the emitter's registry: Invalid type url found: " + typeUrl);
    }
    String name = parts[parts.length - 1];
    anyContent(typeUrl, name, types.read(typeUrl, name, value));
  }

  /** The message an {@code Any} holds, with its type URL first. */
  private void anyContent(String typeUrl, String name, Message content) {
    if (isWellKnown(name)) {
      out.startMapping(false);
      out.key("@type");
      out.string(typeUrl);
      out.key("value");
      message(content);
      out.endMapping();
    } else {
      fields(content, typeUrl);
    }
  }
}
