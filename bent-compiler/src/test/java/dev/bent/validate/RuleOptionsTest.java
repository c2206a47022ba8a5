package dev.bent.validate;

import static dev.bent.validate.Expect.onlyError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors;
import io.envoyproxy.envoy.config.core.v3.HealthCheck;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.envoyproxy.envoy.config.trace.v3.ZipkinConfig;
import io.envoyproxy.pgv.validate.Validate;
import org.junit.jupiter.api.Test;

class RuleOptionsTest {

    @Test
    void generatedDescriptorsExposeValidateRulesDirectly() {
        Descriptors.FieldDescriptor weight = LbEndpoint.getDescriptor().findFieldByName("load_balancing_weight");
        Validate.FieldRules rules = weight.getOptions().getExtension(Validate.rules);
        assertTrue(rules.hasUint32());
        assertEquals(1, rules.getUint32().getGte());
        assertEquals(rules, RuleOptions.field(weight).rules().orElseThrow());
    }

    @Test
    void oneofRequiredAndEnumDeprecationMarksAreReadable() {
        assertTrue(RuleOptions.oneofRequired(HealthCheck.getDescriptor().getOneofs().stream()
                .filter(o -> o.getName().equals("health_checker")).findFirst().orElseThrow()));
        var legacy = ZipkinConfig.CollectorEndpointVersion.DEPRECATED_AND_UNAVAILABLE_DO_NOT_USE.getValueDescriptor();
        assertTrue(RuleOptions.enumValue(legacy).disallowed());
        assertTrue(RuleOptions.enumValue(legacy).deprecated());
        assertFalse(RuleOptions.enumValue(ZipkinConfig.CollectorEndpointVersion.HTTP_JSON.getValueDescriptor())
                .deprecated());
    }

    @Test
    void optionsParsedWithoutTheExtensionRegistryAreStillRead() throws Exception {
        Validate.FieldRules rules = Validate.FieldRules.newBuilder()
                .setString(Validate.StringRules.newBuilder().setMinLen(3)).build();
        FileDescriptorProto withoutRegistry = FileDescriptorProto.parseFrom(
                SyntheticProtos.fileProto(Type.TYPE_STRING, rules).toByteString());
        Descriptors.Descriptor type = SyntheticProtos.fromFile(withoutRegistry);
        Descriptors.FieldDescriptor field = type.findFieldByName("value");
        assertFalse(field.getOptions().hasExtension(Validate.rules), "precondition: options are unknown fields");
        assertEquals(rules, RuleOptions.field(field).rules().orElseThrow());
        onlyError(SyntheticProtos.with(type, "ab"), "value", "string.min_len");
    }
}
