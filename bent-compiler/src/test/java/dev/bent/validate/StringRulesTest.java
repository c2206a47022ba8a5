package dev.bent.validate;

import static dev.bent.validate.Expect.clean;
import static dev.bent.validate.Expect.onlyError;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.HealthCheck;
import io.envoyproxy.envoy.config.core.v3.SchemeHeaderTransformation;
import io.envoyproxy.envoy.config.core.v3.TlvEntry;
import io.envoyproxy.envoy.config.metrics.v3.TagSpecifier;
import io.envoyproxy.envoy.config.route.v3.RateLimit;
import io.envoyproxy.envoy.config.route.v3.RouteMatch;
import io.envoyproxy.envoy.extensions.geoip_providers.common.v3.CommonGeoipProviderConfig;
import io.envoyproxy.envoy.extensions.geoip_providers.maxmind.v3.MaxMindConfig;
import io.envoyproxy.envoy.extensions.filters.http.api_key_auth.v3.KeySource;
import io.envoyproxy.envoy.extensions.http.original_ip_detection.custom_header.v3.CustomHeaderConfig;
import io.envoyproxy.pgv.validate.Validate;
import io.envoyproxy.pgv.validate.Validate.FieldRules;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StringRulesTest {

    private static FieldRules string(Validate.StringRules.Builder rules) {
        return FieldRules.newBuilder().setString(rules).build();
    }

    private static void assertStringRule(Validate.StringRules.Builder rules, String bad, String good, String rule) {
        var type = SyntheticProtos.scalar(Type.TYPE_STRING, string(rules));
        onlyError(SyntheticProtos.with(type, bad), "value", rule);
        clean(SyntheticProtos.with(type, good));
    }

    @Test
    void clusterWithoutNameViolatesStringMinLen() {
        onlyError(Cluster.getDefaultInstance(), "name", "string.min_len");
    }

    @Test
    void overlongTagRegexViolatesStringMaxBytes() {
        onlyError(TagSpecifier.newBuilder().setTagName("t").setRegex("é".repeat(513)).build(),
                "regex", "string.max_bytes");
    }

    @Test
    void overlongQueryParameterViolatesStringMaxLen() {
        onlyError(KeySource.newBuilder().setQuery("q".repeat(1025)).build(), "query", "string.max_len");
    }

    @Test
    void pathSeparatedPrefixWithTrailingSlashViolatesPattern() {
        onlyError(RouteMatch.newBuilder().setPathSeparatedPrefix("/api/").build(),
                "path_separated_prefix", "string.pattern");
        clean(RouteMatch.newBuilder().setPathSeparatedPrefix("/api").build());
    }

    @Test
    void patternEndAnchorMatchesOnlyAtTheEndOfTextLikeRe2() {
        MaxMindConfig.Builder config = MaxMindConfig.newBuilder()
                .setCommonProviderConfig(CommonGeoipProviderConfig.newBuilder()
                        .setGeoHeadersToAdd(CommonGeoipProviderConfig.GeolocationHeadersToAdd.newBuilder()
                                .setCountry("x-geo-country")));
        clean(config.setCityDbPath("/etc/GeoLite2-City.mmdb").build());
        onlyError(config.setCityDbPath("/etc/GeoLite2-City.mmdb\n").build(), "city_db_path", "string.pattern");
    }

    @Test
    void unknownSchemeViolatesStringIn() {
        onlyError(SchemeHeaderTransformation.newBuilder().setSchemeToOverwrite("ftp").build(),
                "scheme_to_overwrite", "string.in");
    }

    @Test
    void headerNameWithSpaceViolatesStrictHeaderNameRegex() {
        onlyError(CustomHeaderConfig.newBuilder().setHeaderName("x real ip").build(),
                "header_name", "string.well_known_regex");
    }

    @Test
    void nonStrictHeaderNameAcceptsSpacesButNotNewlines() {
        clean(KeySource.newBuilder().setHeader("x api key").build());
        onlyError(KeySource.newBuilder().setHeader("x\napi").build(), "header", "string.well_known_regex");
    }

    @Test
    void ignoreEmptySkipsAnEmptyString() {
        clean(KeySource.getDefaultInstance());
        clean(RateLimit.HitsAddend.getDefaultInstance());
    }

    @Test
    void healthCheckHostWithControlCharacterViolatesHeaderValueRegex() {
        onlyError(HealthCheck.HttpHealthCheck.newBuilder().setPath("/healthz").setHost("a\u0001b").build(),
                "host", "string.well_known_regex");
    }

    @Test
    void hitsAddendFormatViolatesPrefixAndSuffix() {
        onlyError(RateLimit.HitsAddend.newBuilder().setFormat("BYTES_RECEIVED%").build(), "format",
                "string.prefix");
        onlyError(RateLimit.HitsAddend.newBuilder().setFormat("%BYTES_RECEIVED").build(), "format",
                "string.suffix");
    }

    @Test
    void emptyTlvValueViolatesBytesMinLen() {
        onlyError(TlvEntry.newBuilder().setType(0xE0).build(), "value", "bytes.min_len");
    }

    @Test
    void remainingStringRulesAreChecked() {
        assertStringRule(Validate.StringRules.newBuilder().setConst("a"), "b", "a", "string.const");
        assertStringRule(Validate.StringRules.newBuilder().setLen(2), "ééé", "éé", "string.len");
        assertStringRule(Validate.StringRules.newBuilder().setLenBytes(2), "éé", "é", "string.len_bytes");
        assertStringRule(Validate.StringRules.newBuilder().setMinBytes(3), "é", "éé", "string.min_bytes");
        assertStringRule(Validate.StringRules.newBuilder().setContains("mid"), "ab", "amidb", "string.contains");
        assertStringRule(Validate.StringRules.newBuilder().setNotContains("x"), "axb", "ab",
                "string.not_contains");
        assertStringRule(Validate.StringRules.newBuilder().addNotIn("admin"), "admin", "user", "string.not_in");
    }

    @Test
    void wellKnownStringFormatsAreChecked() {
        Map<String, String[]> cases = Map.of(
                "email", new String[] {"no-at-sign", "ops@example.com"},
                "hostname", new String[] {"-bad-.example", "svc.example.com"},
                "ip", new String[] {"10.0.0.256", "::1"},
                "ipv4", new String[] {"::1", "192.168.1.10"},
                "ipv6", new String[] {"1:2:3:4:5:6:7:8:9", "fe80::1:2"},
                "uri", new String[] {"/relative/only", "http://svc:8080/x"},
                "uri_ref", new String[] {"http://bad host/", "../relative"},
                "address", new String[] {"bad_host!", "10.1.2.3"},
                "uuid", new String[] {"1234", "123e4567-e89b-12d3-a456-426614174000"});
        for (Map.Entry<String, String[]> c : cases.entrySet()) {
            Validate.StringRules.Builder rules = Validate.StringRules.newBuilder();
            rules.setField(Validate.StringRules.getDescriptor().findFieldByName(c.getKey()), true);
            assertStringRule(rules, c.getValue()[0], c.getValue()[1], "string." + c.getKey());
        }
    }

    @Test
    void bytesRulesAreChecked() {
        ByteString four = ByteString.copyFrom(new byte[] {10, 0, 0, 1});
        ByteString three = ByteString.copyFrom(new byte[] {1, 2, 3});
        Map<Validate.BytesRules, ByteString[]> cases = Map.of(
                Validate.BytesRules.newBuilder().setConst(four).build(), new ByteString[] {three, four},
                Validate.BytesRules.newBuilder().setLen(3).build(), new ByteString[] {four, three},
                Validate.BytesRules.newBuilder().setMaxLen(3).build(), new ByteString[] {four, three},
                Validate.BytesRules.newBuilder().setPattern("^[a-z]+$").build(),
                new ByteString[] {ByteString.copyFromUtf8("AB"), ByteString.copyFromUtf8("ab")},
                Validate.BytesRules.newBuilder().setPrefix(ByteString.copyFrom(new byte[] {10})).build(),
                new ByteString[] {three, four},
                Validate.BytesRules.newBuilder().setSuffix(ByteString.copyFrom(new byte[] {3})).build(),
                new ByteString[] {four, three},
                Validate.BytesRules.newBuilder().setContains(ByteString.copyFrom(new byte[] {0, 0})).build(),
                new ByteString[] {three, four},
                Validate.BytesRules.newBuilder().addIn(four).build(), new ByteString[] {three, four},
                Validate.BytesRules.newBuilder().addNotIn(four).build(), new ByteString[] {four, three},
                Validate.BytesRules.newBuilder().setIpv4(true).build(), new ByteString[] {three, four});
        for (Map.Entry<Validate.BytesRules, ByteString[]> c : cases.entrySet()) {
            var type = SyntheticProtos.scalar(Type.TYPE_BYTES, FieldRules.newBuilder().setBytes(c.getKey()).build());
            String rule = "bytes." + c.getKey().getAllFields().keySet().iterator().next().getName();
            onlyError(SyntheticProtos.with(type, c.getValue()[0]), "value", rule);
            clean(SyntheticProtos.with(type, c.getValue()[1]));
        }
    }

    @Test
    void bytesIpAcceptsFourOrSixteenBytes() {
        var type = SyntheticProtos.scalar(Type.TYPE_BYTES,
                FieldRules.newBuilder().setBytes(Validate.BytesRules.newBuilder().setIp(true)).build());
        clean(SyntheticProtos.with(type, ByteString.copyFrom(new byte[16])));
        onlyError(SyntheticProtos.with(type, ByteString.copyFrom(new byte[5])), "value", "bytes.ip");
        var ipv6 = SyntheticProtos.scalar(Type.TYPE_BYTES,
                FieldRules.newBuilder().setBytes(Validate.BytesRules.newBuilder().setIpv6(true)).build());
        onlyError(SyntheticProtos.with(ipv6, ByteString.copyFrom(new byte[4])), "value", "bytes.ipv6");
    }
}
