package dev.bent.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import dev.bent.diag.Diagnostic;
import io.envoyproxy.envoy.config.core.v3.DataSource;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.extensions.filters.http.basic_auth.v3.BasicAuth;
import io.envoyproxy.envoy.extensions.filters.http.basic_auth.v3.BasicAuthPerRoute;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** basic_auth users are checked as Envoy's filter parses them, in the filter and per route. */
class BasicAuthCheckTest {
  static final String JIMMY = "jimmy:{SHA}cRDtpNCeBiql5KOQsKVyrA0sAiA=";
  static final String USERS = "resources[0].filter_chains[0].filters[0].typed_config.http_filters[0].typed_config"
      + ".users.inline_string";

  static List<String> problems(Message config) {
    return NodeConfigChecker.checkFile("lds.yaml", List.of(Configs.listener(withBasicAuth(config))))
        .stream().map(Diagnostic::toString).toList();
  }

  static HttpConnectionManager withBasicAuth(Message config) {
    HttpConnectionManager.Builder hcm = Configs.hcm(Configs.fault(503)).toBuilder();
    hcm.addHttpFilters(0, HttpFilter.newBuilder().setName("envoy.filters.http.basic_auth").setTypedConfig(Any.pack(config)));
    return hcm.build();
  }

  static BasicAuth users(String htpasswd) {
    return BasicAuth.newBuilder().setUsers(DataSource.newBuilder().setInlineString(htpasswd)).build();
  }

  @Test
  void shaEntriesCommentsAndEmptyLinesAreAccepted() {
    assertEquals(List.of(), problems(users("# admins\n" + JIMMY + "\n\nops:{SHA}p7rw65mRk2f7BMPFva0PnJ3tAyU=\n")));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "no colon | jimmy | line 2: expected name:{SHA}hash (Envoy: \"username:password is expected\")",
      "empty name | :{SHA}cRDtpNCeBiql5KOQsKVyrA0sAiA= | line 2: empty user name or password hash",
      "duplicate user | jimmy:{SHA}p7rw65mRk2f7BMPFva0PnJ3tAyU= | line 2: user 'jimmy' is listed twice",
      "bcrypt | ops:$2y$05$KqR1uQFMWd0hS8iXf5eYzOQk3V7m | line 2: user 'ops' has an unsupported hash; Envoy"
          + " accepts only {SHA} (base64 of SHA-1), not bcrypt, $apr1$ or plain text",
      "plain text | ops:1234 | line 2: user 'ops' has an unsupported hash; Envoy accepts only {SHA} (base64 of"
          + " SHA-1), not bcrypt, $apr1$ or plain text",
      "short hash | ops:{SHA}cRDtpNCe | line 2: user 'ops' has a {SHA} hash of 8 characters; it must be 28"})
  void malformedLineIsRejected(String kind, String line, String expected) {
    assertEquals(List.of("lds.yaml: error: " + USERS + ": " + expected), problems(users(JIMMY + "\n" + line)));
  }

  @Test
  void hashThatIsNotBase64LoadsAndIsAWarning() {
    assertEquals(List.of("lds.yaml: warning: " + USERS + ": line 2: user 'ops' has a {SHA} hash that is not base64 of"
        + " a SHA-1 digest; Envoy loads it, but no password can match it"),
        problems(users(JIMMY + "\nops:{SHA}!!!!!!!!!!!!!!!!!!!!!!!!!!!!")));
  }

  @Test
  void carriageReturnIsPartOfTheHashAsEnvoyReadsIt() {
    assertEquals(List.of("lds.yaml: error: " + USERS + ": line 1: user 'jimmy' has a {SHA} hash of 29 characters;"
        + " it must be 28 (the line ends with a carriage return)"), problems(users(JIMMY + "\r\n")));
  }

  @Test
  void perRouteUsersAreCheckedToo() {
    BasicAuthPerRoute perRoute = BasicAuthPerRoute.newBuilder()
        .setUsers(DataSource.newBuilder().setInlineString("ops:{SHA}secret")).build();
    RouteConfiguration routes = RouteConfiguration.newBuilder().setName("ingress")
        .addVirtualHosts(io.envoyproxy.envoy.config.route.v3.VirtualHost.newBuilder().setName("shop").addDomains("*")
            .putTypedPerFilterConfig("envoy.filters.http.basic_auth", Any.pack(perRoute)))
        .build();
    List<String> problems = NodeConfigChecker.checkFile("rds.yaml", List.of(routes)).stream()
        .map(Diagnostic::toString).toList();
    assertEquals(List.of("rds.yaml: error: resources[0].virtual_hosts[0].typed_per_filter_config"
        + "[\"envoy.filters.http.basic_auth\"].users.inline_string: line 1: user 'ops' has a {SHA} hash of 6"
        + " characters; it must be 28"), problems);
  }
}
