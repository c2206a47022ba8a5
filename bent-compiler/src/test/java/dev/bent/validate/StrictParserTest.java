package dev.bent.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Duration;
import com.google.protobuf.Message;
import com.google.protobuf.util.Durations;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.Metadata;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrictParserTest {

    private static final StrictParser PARSER = StrictParser.create();
    private static final String HCM_TYPE =
            "type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager";
    private static final String HCM_PATH = "resources[0].filter_chains[0].filters[0].typed_config";

    private static String lds(String hcmExtra, String routerType) {
        return """
                version_info: "7"
                resources:
                - "@type": type.googleapis.com/envoy.config.listener.v3.Listener
                  name: ingress
                  address:
                    socket_address: { address: 0.0.0.0, port_value: 10000 }
                  filter_chains:
                  - filters:
                    - name: envoy.filters.network.http_connection_manager
                      typed_config:
                        "@type": %s
                        stat_prefix: ingress_http
                %s
                        route_config:
                          name: local_route
                          virtual_hosts:
                          - name: backend
                            domains: ["*"]
                            routes:
                            - match: { prefix: "/" }
                              route: { cluster: backend, timeout: 15s }
                        http_filters:
                        - name: envoy.filters.http.router
                          typed_config:
                            "@type": %s
                """.formatted(HCM_TYPE, hcmExtra, routerType);
    }

    private static final String ROUTER = "type.googleapis.com/envoy.extensions.filters.http.router.v3.Router";

    private static List<ParseProblem> problems(String text, StrictParser.Format format) {
        return assertThrows(ParseException.class, () -> PARSER.parseDiscoveryResources(text, format)).problems();
    }

    @Test
    void validYamlWithQuotedTypeParsesIntoGeneratedClasses() throws Exception {
        List<Message> resources = PARSER.parseDiscoveryResources(lds("", ROUTER), StrictParser.Format.YAML);
        Listener listener = assertInstanceOf(Listener.class, resources.get(0));
        assertEquals("ingress", listener.getName());
        HttpConnectionManager hcm = listener.getFilterChains(0).getFilters(0).getTypedConfig()
                .unpack(HttpConnectionManager.class);
        assertEquals("ingress_http", hcm.getStatPrefix());
        assertEquals(Durations.fromSeconds(15),
                hcm.getRouteConfig().getVirtualHosts(0).getRoutes(0).getRoute().getTimeout());
        assertEquals(List.of(), ProtoRuleChecker.create().check(listener));
    }

    @Test
    void unknownFieldInsideTypedConfigIsRejectedWithItsPath() {
        List<ParseProblem> problems = problems(lds("        stat_prefx: typo", ROUTER), StrictParser.Format.YAML);
        assertEquals(1, problems.size(), problems::toString);
        assertEquals(HCM_PATH + ".stat_prefx", problems.get(0).location());
        assertTrue(problems.get(0).message().contains("HttpConnectionManager"), problems.get(0).message());
    }

    @Test
    void unknownTypeIsRejectedAndNamed() {
        String nope = "type.googleapis.com/envoy.extensions.filters.http.nope.v3.Nope";
        List<ParseProblem> problems = problems(lds("", nope), StrictParser.Format.YAML);
        assertEquals(1, problems.size(), problems::toString);
        assertEquals(HCM_PATH + ".http_filters[0].typed_config.@type", problems.get(0).location());
        assertTrue(problems.get(0).message().contains(nope), problems.get(0).message());
    }

    @Test
    void unknownFieldInAMapOfAnyHasTheMapKeyInItsPath() {
        String json = """
                {"typed_filter_metadata": {"envoy.lb": {
                  "@type": "type.googleapis.com/envoy.extensions.filters.http.fault.v3.HTTPFault",
                  "abort": {"http_status": 503, "bogus": 1}}}}""";
        ParseException e = assertThrows(ParseException.class,
                () -> PARSER.parse(json, StrictParser.Format.JSON, Metadata.getDefaultInstance()));
        assertEquals("typed_filter_metadata[\"envoy.lb\"].abort.bogus", e.problems().get(0).location());
    }

    @Test
    void anyHoldingAWellKnownTypeUsesItsValueKey() throws Exception {
        String json = """
                {"typed_filter_metadata": {"x": {"@type": "type.googleapis.com/google.protobuf.Duration",
                  "value": "1.5s"}}}""";
        Metadata metadata = PARSER.parse(json, StrictParser.Format.JSON, Metadata.getDefaultInstance());
        assertEquals(Durations.fromMillis(1500), metadata.getTypedFilterMetadataOrThrow("x").unpack(Duration.class));
    }

    @Test
    void unquotedAtTypeIsAYamlSyntaxErrorWithALine() {
        String yaml = lds("", ROUTER).replace("\"@type\": " + HCM_TYPE, "@type: " + HCM_TYPE);
        List<ParseProblem> problems = problems(yaml, StrictParser.Format.YAML);
        assertTrue(problems.get(0).location().startsWith("line 10"), problems.toString());
    }

    @Test
    void emptyDocumentIsRejected() {
        assertTrue(problems("  \n", StrictParser.Format.YAML).get(0).message().contains("empty"));
        assertTrue(problems("# nothing\n", StrictParser.Format.YAML).get(0).message().contains("empty"));
    }

    @Test
    void duplicateKeysAreRejected() {
        List<ParseProblem> problems = problems("version_info: a\nversion_info: b\nresources: []\n",
                StrictParser.Format.YAML);
        assertTrue(problems.get(0).message().contains("version_info"), problems.toString());
    }

    @Test
    void emptyResourceListIsValid() throws Exception {
        assertEquals(List.of(), PARSER.parseDiscoveryResources("resources: []\n", StrictParser.Format.YAML));
    }

    @Test
    void jsonParsedByDescriptorYieldsTheGeneratedClass() throws Exception {
        String json = "{\"name\": \"backend\", \"type\": \"STATIC\", \"connectTimeout\": \"0.250s\"}";
        Cluster cluster = assertInstanceOf(Cluster.class,
                PARSER.parse(json, StrictParser.Format.JSON, Cluster.getDescriptor()));
        assertEquals(Cluster.DiscoveryType.STATIC, cluster.getType());
        assertEquals(Durations.fromMillis(250), cluster.getConnectTimeout());
    }

    @Test
    void lowerCaseEnumNameIsRejectedByStrictJsonAtItsField() {
        ParseException e = assertThrows(ParseException.class, () -> PARSER.parse(
                "{\"name\": \"backend\", \"type\": \"static\"}", StrictParser.Format.JSON, Cluster.getDefaultInstance()));
        assertEquals("type", e.problems().get(0).location());
        assertTrue(e.getMessage().contains("static"), e.getMessage());
    }

    @Test
    void valueErrorsInsideTypedConfigAreLocated() {
        List<ParseProblem> problems = problems(lds("        codec_type: auto", ROUTER), StrictParser.Format.YAML);
        assertEquals(List.of(HCM_PATH + ".codec_type"), problems.stream().map(ParseProblem::location).toList());
        List<ParseProblem> badRoute = problems(lds("", ROUTER).replace("timeout: 15s", "timeout: 15"),
                StrictParser.Format.YAML);
        assertEquals(HCM_PATH + ".route_config.virtual_hosts[0].routes[0].route.timeout",
                badRoute.get(0).location());
    }

    @Test
    void singleObjectWhereAListIsExpectedIsRejected() {
        ParseException e = assertThrows(ParseException.class, () -> PARSER.parse(
                "{\"name\": \"b\", \"health_checks\": {\"timeout\": \"1s\"}}", StrictParser.Format.JSON,
                Cluster.getDefaultInstance()));
        assertEquals("health_checks", e.problems().get(0).location());
    }

    @Test
    void unknownTopLevelFieldIsRejected() {
        ParseException e = assertThrows(ParseException.class, () -> PARSER.parse(
                "{\"name\": \"backend\", \"nmae\": \"x\"}", StrictParser.Format.JSON, Cluster.getDefaultInstance()));
        assertEquals(List.of(new ParseProblem("nmae", "unknown field \"nmae\" in envoy.config.cluster.v3.Cluster")),
                e.problems());
    }

    @Test
    void formatFollowsTheFileExtension() {
        assertEquals(StrictParser.Format.YAML, StrictParser.Format.forFileName("/etc/envoy/lds.yaml"));
        assertEquals(StrictParser.Format.YAML, StrictParser.Format.forFileName("CDS.YML"));
        assertEquals(StrictParser.Format.JSON, StrictParser.Format.forFileName("cds.json"));
        assertEquals(StrictParser.Format.JSON, StrictParser.Format.forFileName("cds.conf"));
    }
}
