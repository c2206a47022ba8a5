package dev.bent.validate;

import com.google.protobuf.Descriptors;

/**
 * Envoy's deprecation marks: fields and enum values annotated {@code deprecated = true} or
 * {@code envoy.annotations.deprecated_at_minor_version(_enum)} are warnings when used, and those
 * also marked {@code disallowed_by_default(_enum)} are errors, as in Envoy's default runtime.
 */
final class Deprecations {

    private Deprecations() {
    }

    /** Checks a field that is set in its message. */
    static void field(Descriptors.FieldDescriptor field, String path, Findings out) {
        RuleOptions.FieldMeta meta = RuleOptions.field(field);
        String since = meta.deprecatedAt().isEmpty() ? "" : " since API " + meta.deprecatedAt();
        if (meta.disallowed()) {
            out.error(path, "deprecated.disallowed", "field " + field.getFullName() + " is deprecated"
                    + since + " and disallowed by default");
        } else if (meta.deprecated() || !meta.deprecatedAt().isEmpty()) {
            out.warning(path, "deprecated", "field " + field.getFullName() + " is deprecated" + since);
        }
    }

    /**
     * Checks the enum value in use; {@code implicit} is true when the field is left at its default,
     * which Envoy still reports ("Using the default now-deprecated value").
     */
    static void enumValue(Descriptors.EnumValueDescriptor value, boolean implicit, String path,
                          Findings out) {
        if (value.getType().findValueByNumber(value.getNumber()) != value) {
            return;
        }
        RuleOptions.EnumValueMeta meta = RuleOptions.enumValue(value);
        String since = meta.deprecatedAt().isEmpty() ? "" : " since API " + meta.deprecatedAt();
        String what = (implicit ? "default value " : "value ") + value.getName() + " of "
                + value.getType().getFullName();
        if (meta.disallowed()) {
            out.error(path, "deprecated.disallowed", what + " is deprecated" + since
                    + " and disallowed by default" + (implicit ? "; set a non-default value explicitly" : ""));
        } else if (meta.deprecated() || !meta.deprecatedAt().isEmpty()) {
            out.warning(path, "deprecated", what + " is deprecated" + since);
        }
    }
}
