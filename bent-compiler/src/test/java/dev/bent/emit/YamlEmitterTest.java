package dev.bent.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.Any;
import com.google.protobuf.BoolValue;
import com.google.protobuf.ByteString;
import com.google.protobuf.Duration;
import com.google.protobuf.ListValue;
import com.google.protobuf.Message;
import com.google.protobuf.Struct;
import com.google.protobuf.UInt32Value;
import com.google.protobuf.Value;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.HealthCheck;
import io.envoyproxy.envoy.config.core.v3.Metadata;
import io.envoyproxy.envoy.config.route.v3.HeaderMatcher;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.type.v3.Int64Range;
import io.envoyproxy.envoy.type.v3.Percent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The YAML the emitter writes for each kind of value, checked against the expected text and
 * against the Jackson reference.
 */
class YamlEmitterTest {
  private static String item(Message resource) {
    String direct = YamlEmitter.resourceItem(resource);
    assertEquals(JacksonYamlEmitter.resourceItem(resource), direct, "reference");
    return direct;
  }

  private static String document(Message message) {
    String direct = new String(YamlEmitter.document(message), StandardCharsets.UTF_8);
    assertEquals(new String(JacksonYamlEmitter.document(message), StandardCharsets.UTF_8), direct, "reference");
    return direct;
  }

  @Test
  void aResourceItemStartsWithItsQuotedTypeThenFieldsInFieldNumberOrder() {
    Cluster cluster = Cluster.newBuilder()
        .setConnectTimeout(Duration.newBuilder().setNanos(250_000_000))
        .setName("web")
        .setType(Cluster.DiscoveryType.STRICT_DNS)
        .build();
    assertEquals("""
        - '@type': type.googleapis.com/envoy.config.cluster.v3.Cluster
          name: web
          type: STRICT_DNS
          connect_timeout: 0.250s
        """, item(cluster));
  }

  @Test
  void stringsThatReadAsSomethingElseAreDoubleQuoted() {
    Cluster cluster = Cluster.newBuilder().setName("8080").setAltStatName("yes").build();
    assertEquals("name: \"8080\"\nalt_stat_name: \"yes\"\n", document(cluster));
    assertEquals("e: \"\"\n", document(Struct.newBuilder().putFields("e", Value.newBuilder().setStringValue("").build()).build()));
    RouteConfiguration routes = RouteConfiguration.newBuilder()
        .addVirtualHosts(VirtualHost.newBuilder().setName("off").addDomains("*").addDomains("a: b").addDomains("#x")
            .addDomains(":authority").addDomains("a#b").addDomains("~").addDomains("@x").addDomains(" x"))
        .build();
    assertEquals("""
        virtual_hosts:
        - name: "off"
          domains:
          - '*'
          - "a: b"
          - "#x"
          - ":authority"
          - a#b
          - "~"
          - '@x'
          - ' x'
        """, document(routes));
  }

  @Test
  void multiLineStringsAreLiteralBlocksAndControlCharactersAreEscaped() {
    Cluster cluster = Cluster.newBuilder().setName("a\nb").setAltStatName("tab\there\u0007").build();
    assertEquals("name: |-\n  a\n  b\nalt_stat_name: \"tab\\there\\a\"\n", document(cluster));
  }

  @Test
  void integersOf64BitsAreQuotedAndOf32BitsPlain() {
    HealthCheck check = HealthCheck.newBuilder()
        .setHealthyThreshold(UInt32Value.of(-1))
        .setHttpHealthCheck(HealthCheck.HttpHealthCheck.newBuilder()
            .addExpectedStatuses(Int64Range.newBuilder().setStart(-5).setEnd(Long.MAX_VALUE)))
        .build();
    assertEquals("""
        healthy_threshold: 4294967295
        http_health_check:
          expected_statuses:
          - start: "-5"
            end: "9223372036854775807"
        """, document(check));
  }

  @Test
  void doublesAreWrittenAsJavaPrintsThem() {
    assertEquals("value: 100.0\n", document(Percent.newBuilder().setValue(100).build()));
    assertEquals("value: 1.0E-7\n", document(Percent.newBuilder().setValue(1e-7).build()));
    assertEquals("value: NaN\n", document(Percent.newBuilder().setValue(Double.NaN).build()));
  }

  @Test
  void bytesAreBase64() {
    HealthCheck check = HealthCheck.newBuilder()
        .setTcpHealthCheck(HealthCheck.TcpHealthCheck.newBuilder()
            .setSend(HealthCheck.Payload.newBuilder().setBinary(ByteString.copyFrom(new byte[] {(byte) 0xfb, (byte) 0xff}))))
        .build();
    assertEquals("tcp_health_check:\n  send:\n    binary: +/8=\n", document(check));
  }

  @Test
  void wrappersAreTheirValueAndEmptyMessagesAndListsAreFlow() {
    RouteConfiguration routes = RouteConfiguration.newBuilder().setValidateClusters(BoolValue.of(false)).build();
    assertEquals("validate_clusters: false\n", document(routes));
    Struct struct = Struct.newBuilder()
        .putFields("empty", Value.newBuilder().setListValue(ListValue.getDefaultInstance()).build())
        .putFields("none", Value.newBuilder().setStructValue(Struct.getDefaultInstance()).build())
        .putFields("true", Value.newBuilder().setNumberValue(1).build())
        .build();
    Cluster cluster = Cluster.newBuilder()
        .setMetadata(Metadata.newBuilder().putFilterMetadata("m", struct))
        .setLoadAssignment(io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment.getDefaultInstance())
        .build();
    assertEquals("""
        metadata:
          filter_metadata:
            m:
              empty: []
              none: {}
              "true": 1.0
        load_assignment: {}
        """, document(cluster));
  }

  @Test
  void anAnyIsItsMessageAfterTheTypeAndAWellKnownOneHoldsAValue() {
    Metadata metadata = Metadata.newBuilder()
        .putTypedFilterMetadata("router", Any.pack(Router.getDefaultInstance()))
        .putTypedFilterMetadata("timeout", Any.pack(Duration.newBuilder().setSeconds(1).build()))
        .putTypedFilterMetadata("empty", Any.getDefaultInstance())
        .build();
    assertEquals("""
        typed_filter_metadata:
          router:
            '@type': type.googleapis.com/envoy.extensions.filters.http.router.v3.Router
          timeout:
            '@type': type.googleapis.com/google.protobuf.Duration
            value: 1s
          empty: {}
        """, document(metadata));
  }

  @Test
  void longAndMultiLineKeysAreExplicitEntries() {
    Struct struct = Struct.newBuilder()
        .putFields("k".repeat(128), Value.newBuilder().setBoolValue(true).build())
        .putFields("a\nb", Value.newBuilder().setStringValue("x").build())
        .build();
    assertEquals("? " + "k".repeat(128) + "\n: true\n? \"a\\nb\"\n: x\n", document(struct));
  }

  @Test
  void unknownEnumNumbersAreWrittenAsNumbers() {
    assertEquals("type: 42\n",
        document(Cluster.newBuilder().setTypeValue(42).build()));
  }

  @Test
  void anAnyOfAnUnknownTypeIsRefused() {
    Metadata metadata = Metadata.newBuilder()
        .putTypedFilterMetadata("x", Any.newBuilder().setTypeUrl("type.googleapis.com/no.such.Type").build())
        .build();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> YamlEmitter.document(metadata));
    assertEquals("type missing from the emitter's registry: Cannot find type for url: type.googleapis.com/no.such.Type",
        e.getMessage());
  }

  @Test
  void theOwnTypesAreNamedAsTheirDescriptors() {
    AnyTypes.ownTypes().forEach((name, type) ->
        assertEquals(type.get().getDescriptorForType().getFullName(), name));
  }

  @Test
  void headerNamesLikePseudoHeadersAreQuoted() {
    HeaderMatcher matcher = HeaderMatcher.newBuilder().setName(":path").setPresentMatch(true).build();
    assertEquals("name: \":path\"\npresent_match: true\n", document(matcher));
  }
}
