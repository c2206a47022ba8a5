package dev.bent.validate;

import com.google.protobuf.Descriptors;
import com.google.protobuf.GeneratedMessageV3;
import com.google.protobuf.Message;
import java.lang.invoke.CallSite;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * Reader of one field of one generated message class through its own accessors ({@code hasFoo},
 * {@code getFoo}, {@code getFooCount}, {@code getFoo(int)}, {@code getFooValue}), returning what
 * protobuf's reflection ({@link Message#getField} and friends) returns, without its per-call {@code
 * Method.invoke}. Made once per field by {@link #of}, which gives null for a field it cannot read
 * this way (a map field, a closed enum, an accessor it cannot find); the checker then uses
 * protobuf's reflection.
 */
final class FieldReader {
  /** The element getter of a repeated field. */
  @FunctionalInterface
  interface Indexed {
    Object get(Object message, int index);
  }

  private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
  private static final String[] SUFFIXES = {"", "Count", "List", "Value", "Bytes", "OrBuilder", "OrBuilderList",
      "ValueList", "Map", "Case"};

  /** The class whose instances this reader reads. */
  final Class<?> type;
  private final Descriptors.FieldDescriptor field;
  private final Predicate<Object> has;
  private final Function<Object, Object> get;
  private final ToIntFunction<Object> count;
  private final Indexed element;
  /** For an open enum: the values, read by number. */
  private final Descriptors.EnumDescriptor enumType;

  private FieldReader(Class<?> type, Descriptors.FieldDescriptor field, Predicate<Object> has,
      Function<Object, Object> get, ToIntFunction<Object> count, Indexed element) {
    this.type = type;
    this.field = field;
    this.has = has;
    this.get = get;
    this.count = count;
    this.element = element;
    this.enumType = field.getJavaType() == Descriptors.FieldDescriptor.JavaType.ENUM ? field.getEnumType() : null;
  }

  /** The reader of {@code field} in instances of {@code type}, or null when it has to be read by reflection. */
  static FieldReader of(Class<? extends Message> type, Descriptors.FieldDescriptor field) {
    if (!GeneratedMessageV3.class.isAssignableFrom(type) || field.isMapField() || clashes(field)
        || (field.getJavaType() == Descriptors.FieldDescriptor.JavaType.ENUM && field.legacyEnumFieldTreatedAsClosed())) {
      return null;
    }
    try {
      String name = camelCase(field.getName());
      boolean enumField = field.getJavaType() == Descriptors.FieldDescriptor.JavaType.ENUM;
      String getter = "get" + name + (enumField ? "Value" : "");
      if (field.isRepeated()) {
        MethodHandle countHandle = find(type, "get" + name + "Count", int.class);
        MethodHandle elementHandle = find(type, field, getter, int.class);
        return new FieldReader(type, field, null, null, toInt(type, countHandle), indexed(type, elementHandle));
      }
      Predicate<Object> has = null;
      if (field.hasPresence()) {
        has = predicate(type, find(type, "has" + name, boolean.class));
      }
      return new FieldReader(type, field, has, function(type, find(type, field, getter)), null, null);
    } catch (Error e) {
      throw e;
    } catch (Throwable e) {
      return null;
    }
  }

  /**
   * Whether protoc may have renamed the accessors of {@code field}: another field of its message
   * has the same camel-case name, or one that clashes with the suffixed accessors.
   */
  private static boolean clashes(Descriptors.FieldDescriptor field) {
    String name = camelCase(field.getName());
    for (Descriptors.FieldDescriptor other : field.getContainingType().getFields()) {
      if (other == field) {
        continue;
      }
      String theirs = camelCase(other.getName());
      for (String suffix : SUFFIXES) {
        if (theirs.equals(name + suffix) || name.equals(theirs + suffix)) {
          return true;
        }
      }
    }
    return false;
  }

  /** {@link Message#hasField}. */
  boolean has(Message message) {
    return has.test(message);
  }

  /** {@link Message#getField} of a singular field. */
  Object get(Message message) {
    return value(get.apply(message));
  }

  /** {@link Message#getRepeatedFieldCount}. */
  int count(Message message) {
    return count.applyAsInt(message);
  }

  /** {@link Message#getRepeatedField}. */
  Object get(Message message, int index) {
    return value(element.get(message, index));
  }

  /** Whether this reader reads {@code field}'s presence (it has presence and is singular). */
  boolean readsPresence() {
    return has != null;
  }

  private Object value(Object raw) {
    // Reflection gives an open enum's value as its descriptor, made up for unknown numbers.
    return enumType == null ? raw : enumType.findValueByNumberCreatingIfUnknown((Integer) raw);
  }

  /**
   * The public accessor {@code name} of {@code type} that takes {@code parameters} and returns what
   * the field holds. A name that protobuf's own classes use too (a field named {@code class} or
   * {@code serialized_size}, which protoc renames) is refused.
   */
  private static MethodHandle find(Class<?> type, Descriptors.FieldDescriptor field, String name,
      Class<?>... parameters) throws ReflectiveOperationException {
    if (inherited(name, parameters)) {
      throw new NoSuchMethodException(name + " is protobuf's own");
    }
    java.lang.reflect.Method method = type.getMethod(name, parameters);
    if (!holds(field, method.getReturnType())) {
      throw new NoSuchMethodException(name + " returns " + method.getReturnType());
    }
    return LOOKUP.unreflect(method);
  }

  private static MethodHandle find(Class<?> type, String name, Class<?> returns) throws ReflectiveOperationException {
    if (inherited(name)) {
      throw new NoSuchMethodException(name + " is protobuf's own");
    }
    return LOOKUP.findVirtual(type, name, MethodType.methodType(returns));
  }

  private static boolean inherited(String name, Class<?>... parameters) {
    try {
      GeneratedMessageV3.class.getMethod(name, parameters);
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  /** Whether an accessor returning {@code type} returns the value of {@code field} (an open enum's as its number). */
  private static boolean holds(Descriptors.FieldDescriptor field, Class<?> type) {
    return switch (field.getJavaType()) {
      case INT, ENUM -> type == int.class;
      case LONG -> type == long.class;
      case FLOAT -> type == float.class;
      case DOUBLE -> type == double.class;
      case BOOLEAN -> type == boolean.class;
      case STRING -> type == String.class;
      case BYTE_STRING -> type == com.google.protobuf.ByteString.class;
      case MESSAGE -> Message.class.isAssignableFrom(type)
          && field.getMessageType().getFullName().equals(descriptorName(type));
    };
  }

  private static String descriptorName(Class<?> type) {
    try {
      return ((Descriptors.Descriptor) type.getMethod("getDescriptor").invoke(null)).getFullName();
    } catch (ReflectiveOperationException | RuntimeException e) {
      return "";
    }
  }

  /** protoc's Java accessor name of a field: each letter after an underscore or a digit capitalized. */
  static String camelCase(String fieldName) {
    StringBuilder out = new StringBuilder(fieldName.length());
    boolean upper = true;
    for (char c : fieldName.toCharArray()) {
      if (c == '_') {
        upper = true;
      } else if (Character.isDigit(c)) {
        out.append(c);
        upper = true;
      } else {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return out.toString();
  }

  @SuppressWarnings("unchecked")
  private static Predicate<Object> predicate(Class<?> type, MethodHandle target) throws Throwable {
    CallSite site = LambdaMetafactory.metafactory(LOOKUP, "test", MethodType.methodType(Predicate.class),
        MethodType.methodType(boolean.class, Object.class), target, MethodType.methodType(boolean.class, type));
    return (Predicate<Object>) site.getTarget().invoke();
  }

  @SuppressWarnings("unchecked")
  private static Function<Object, Object> function(Class<?> type, MethodHandle target) throws Throwable {
    CallSite site = LambdaMetafactory.metafactory(LOOKUP, "apply", MethodType.methodType(Function.class),
        MethodType.methodType(Object.class, Object.class), target,
        MethodType.methodType(boxed(target.type().returnType()), type));
    return (Function<Object, Object>) site.getTarget().invoke();
  }

  @SuppressWarnings("unchecked")
  private static ToIntFunction<Object> toInt(Class<?> type, MethodHandle target) throws Throwable {
    CallSite site = LambdaMetafactory.metafactory(LOOKUP, "applyAsInt", MethodType.methodType(ToIntFunction.class),
        MethodType.methodType(int.class, Object.class), target, MethodType.methodType(int.class, type));
    return (ToIntFunction<Object>) site.getTarget().invoke();
  }

  private static Indexed indexed(Class<?> type, MethodHandle target) throws Throwable {
    CallSite site = LambdaMetafactory.metafactory(LOOKUP, "get", MethodType.methodType(Indexed.class),
        MethodType.methodType(Object.class, Object.class, int.class), target,
        MethodType.methodType(boxed(target.type().returnType()), type, int.class));
    return (Indexed) site.getTarget().invoke();
  }

  private static Class<?> boxed(Class<?> type) {
    return MethodType.methodType(type).wrap().returnType();
  }
}
