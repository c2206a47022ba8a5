package dev.bent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each policy annotation reaches the right place of the right node, and only that service. */
class PolicyTest {
  private static final String TWO_LOCAL =
      "nodes:\n  caller:\n  shop:\n"
          + "  - name: cart.svc\n    annotations: {fault.inject: \"\", fault.abort.percent: 10, fault.abort.code: 502}\n"
          + "    endpoints: [{address: 10.0.0.2, port: 81}]\n"
          + "  - name: catalog.svc\n    endpoints: [{address: 10.0.0.2, port: 82}]\n";

  @Test
  void faultsApplyToTheirServiceVirtualHostOnly() {
    String ingress = Meshes.text(Meshes.compile(TWO_LOCAL), "shop", "rds/ingress.yaml");
    int cart = ingress.indexOf("name: cart.svc");
    int catalog = ingress.indexOf("name: catalog.svc");
    String cartHost = ingress.substring(cart, catalog);
    String catalogHost = ingress.substring(catalog);
    assertTrue(cartHost.contains("http_status: 502"), cartHost);
    assertTrue(cartHost.contains("numerator: 10"), cartHost);
    assertFalse(catalogHost.contains("typed_per_filter_config"), catalogHost);
  }

  @Test
  void faultsAreInjectedOnTheServingSideNotOnCallers() {
    Compiler.Compilation c = Meshes.compile(TWO_LOCAL);
    assertFalse(Meshes.text(c, "caller", "rds/egress.yaml").contains("HTTPFault"));
    assertFalse(Meshes.text(c, "caller", "rds/ingress.yaml").contains("HTTPFault"));
  }

  @Test
  void faultListenerIsTheSameWithOrWithoutFaults() {
    String with = Meshes.text(Meshes.compile(TWO_LOCAL), "shop", "lds.yaml");
    String without = Meshes.text(Meshes.compile(TWO_LOCAL.replace("fault.inject: \"\", ", "")), "shop", "lds.yaml");
    assertEquals(with, without, "a fault change must touch RDS only");
  }

  @Test
  void faultValuesWithoutInjectWarn() {
    Compiler.Compilation c = Meshes.compile(TWO_LOCAL.replace("fault.inject: \"\", ", ""));
    assertTrue(c.warnings().stream().anyMatch(w -> w.message().contains("not fault.inject")), c.warnings().toString());
  }

  @Test
  void retriesAndTimeoutGoOnEveryEgressRouteToTheService() {
    String mesh = "nodes:\n  a:\n  b:\n  - name: b.svc\n    annotations: {num-retries: 2, retry-on: \"5xx,reset\", timeout: 3s, per-try-timeout: 1s}\n"
        + "    endpoints: [{address: 10.0.0.2, port: 80}]\n";
    Compiler.Compilation c = Meshes.compile(mesh);
    for (String node : List.of("a", "b")) {
      String egress = Meshes.text(c, node, "rds/egress.yaml");
      assertTrue(egress.contains("timeout: 3s"), egress);
      assertTrue(egress.contains("retry_on: \"5xx,reset\""), egress);
      assertTrue(egress.contains("num_retries: 2"), egress);
      assertTrue(egress.contains("per_try_timeout: 1s"), egress);
    }
  }

  @Test
  void enableRetryFalseTurnsRetriesOff() {
    String mesh = "nodes:\n  b:\n  - name: b.svc\n    annotations: {enable-retry: \"false\", num-retries: 2}\n"
        + "    endpoints: [{address: 10.0.0.2, port: 80}]\n";
    assertFalse(Meshes.text(Meshes.compile(mesh), "b", "rds/egress.yaml").contains("retry_policy"));
  }

  @Test
  void unknownRetryConditionIsAnErrorWithSuggestion() {
    List<String> errors = Meshes.errors("nodes:\n  b:\n  - name: b.svc\n    annotations: {retry-on: \"5xx,conect-failure\"}\n"
        + "    endpoints: [{address: 10.0.0.2, port: 80}]\n");
    assertEquals(1, errors.size());
    assertTrue(errors.get(0).contains("retry-on has unknown retry condition \"conect-failure\" (did you mean \"connect-failure\"?)"),
        errors.get(0));
  }

  @Test
  void outlierDetectionIsSetOnTheServiceClusters() {
    String mesh = "nodes:\n  b:\n  - name: b.svc\n    annotations: {outlier.consecutive-5xx: 4, outlier.max-ejection-percent: 30}\n"
        + "    endpoints: [{address: 10.0.0.2, port: 80}]\n";
    String cds = Meshes.text(Meshes.compile(mesh), "b", "cds.yaml");
    assertTrue(cds.contains("outlier_detection:\n    consecutive_5xx: 4\n    max_ejection_percent: 30"), cds);
  }

  @Test
  void healthCacheIsAPassThroughFilterForThatServicePathAndHost() {
    String mesh = "nodes:\n  b:\n  - name: b.svc\n    annotations: {healthcheck.path: /hc, healthcheck.cache: 2s}\n"
        + "    endpoints: [{address: 10.0.0.2, port: 80}]\n  - name: c.svc\n    endpoints: [{address: 10.0.0.2, port: 81}]\n";
    String lds = Meshes.text(Meshes.compile(mesh), "b", "lds.yaml");
    assertTrue(lds.contains("name: envoy.filters.http.health_check.b.svc"), lds);
    assertTrue(lds.contains("pass_through_mode: true\n            cache_time: 2s"), lds);
    assertTrue(lds.contains("exact: /hc"), lds);
    assertTrue(lds.contains("exact: b.svc"), lds);
    assertFalse(lds.contains("health_check.c.svc"), lds);
  }

  @Test
  void badPercentagesStatusesAndDurationsAreRejected() {
    String mesh = "nodes:\n  b:\n  - name: b.svc\n    annotations: {fault.delay.percent: -1, fault.abort.code: 600,"
        + " timeout: 0, outlier.max-ejection-percent: 101}\n    endpoints: [{address: 10.0.0.2, port: 80}]\n";
    List<String> errors = Meshes.errors(mesh);
    assertEquals(4, errors.size(), errors.toString());
    assertTrue(errors.stream().anyMatch(e -> e.endsWith("fault.delay.percent must be at least 0, got -1")), errors.toString());
    assertTrue(errors.stream().anyMatch(e -> e.endsWith("fault.abort.code must be at most 599, got 600")), errors.toString());
    assertTrue(errors.stream().anyMatch(e -> e.endsWith("timeout must be at least 1ms and at most a year, got \"0\"")), errors.toString());
  }
}
