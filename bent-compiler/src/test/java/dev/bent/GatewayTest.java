package dev.bent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.diag.Diagnostics;
import dev.bent.diag.InvalidInputException;
import dev.bent.resolve.Credentials;
import dev.bent.source.MeshFileReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayTest {
  static final String PASSWORD = "correct-horse-battery";
  @TempDir Path dir;

  private Compiler.Compilation compile(String gateway, Map<String, String> env) {
    String yaml = "mesh:\n  gateways:\n" + gateway
        + "nodes:\n  edge:\n  beta:\n  - name: beta.svc\n    endpoints: [{address: 10.0.0.2, port: 3000}]\n";
    Diagnostics d = new Diagnostics();
    return Compiler.compile(MeshFileReader.parse("mesh.yaml", yaml, d), d, List.of(),
        n -> "/etc/envoy/" + n, new Credentials(dir, env::get));
  }

  private static String all(Compiler.Compilation c) {
    StringBuilder text = new StringBuilder();
    c.nodes().values().forEach(n -> n.files().values().forEach(b -> text.append(new String(b, StandardCharsets.UTF_8))));
    return text.toString();
  }

  @Test
  void environmentPasswordBecomesAShaEntryAndNeverAppearsInClear() {
    Compiler.Compilation c = compile(
        "  - node: edge\n    basicAuth:\n      users: [{name: jimmy, passwordEnv: JIMMY_PW}]\n", Map.of("JIMMY_PW", "1234"));
    String lds = Meshes.text(c, "edge", "lds.yaml");
    assertTrue(lds.contains("jimmy:{SHA}cRDtpNCeBiql5KOQsKVyrA0sAiA="), lds);
    assertTrue(lds.contains("name: gateway"), lds);
    assertFalse(lds.contains("name: ingress"), "the gateway replaces the ingress listener on its port");
    assertTrue(c.nodes().get("edge").files().containsKey("rds/gateway.yaml"));
    assertFalse(c.nodes().get("edge").files().containsKey("rds/ingress.yaml"));
    Compiler.Compilation other = compile(
        "  - node: edge\n    basicAuth:\n      users: [{name: jimmy, passwordEnv: JIMMY_PW}]\n", Map.of("JIMMY_PW", PASSWORD));
    assertFalse(all(other).contains(PASSWORD));
  }

  @Test
  void gatewayRoutesEveryMeshServiceAfterBasicAuth() {
    Compiler.Compilation c = compile(
        "  - node: edge\n    port: 8443\n    basicAuth:\n      users: [{name: jimmy, passwordEnv: P}]\n", Map.of("P", "1234"));
    String routes = Meshes.text(c, "edge", "rds/gateway.yaml");
    assertTrue(routes.contains("cluster: beta.svc"), routes);
    String lds = Meshes.text(c, "edge", "lds.yaml");
    assertTrue(lds.indexOf("envoy.filters.http.basic_auth") < lds.indexOf("envoy.filters.http.router", lds.indexOf("name: gateway")));
    assertTrue(lds.contains("port_value: 8443"), lds);
    assertTrue(lds.contains("name: ingress"), "another port keeps the ingress listener");
  }

  @Test
  void htpasswdShaEntriesAreUsedAndOtherFormatsRefusedWithoutEchoingThem() throws Exception {
    Files.writeString(dir.resolve("users"), "# comment\njimmy:{SHA}cRDtpNCeBiql5KOQsKVyrA0sAiA=\n"
        + "bob:$2y$05$abcdefghijklmnopqrstuu5s1b2c3d4e5f6g7h8i9j0k1l2m3n4o\ncarol:plaintextsecret\n");
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> compile("  - node: edge\n    basicAuth: {htpasswd: users}\n", Map.of()));
    assertEquals(2, e.errorCount(), e.getMessage());
    assertTrue(e.getMessage().contains("users:3:1: error: user \"bob\" does not have a {SHA} hash"), e.getMessage());
    assertTrue(e.getMessage().contains("users:4:1: error: user \"carol\""), e.getMessage());
    assertFalse(e.getMessage().contains("plaintextsecret"), e.getMessage());
    assertFalse(e.getMessage().contains("$2y$"), e.getMessage());
  }

  @Test
  void missingEnvironmentVariableIsNamed() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> compile("  - node: edge\n    basicAuth:\n      users: [{name: jimmy, passwordEnv: NOPE}]\n", Map.of()));
    assertTrue(e.getMessage().contains("environment variable NOPE (the password of gateway user \"jimmy\") is not set"),
        e.getMessage());
  }

  @Test
  void gatewayOnAnUnknownNodeIsAnError() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> compile("  - node: egde\n    basicAuth:\n      users: [{name: j, passwordEnv: P}]\n", Map.of("P", "x")));
    assertTrue(e.getMessage().contains("mesh.yaml:3:5: error: gateway node \"egde\" is not a node of the mesh"
        + " (did you mean \"edge\"?)"), e.getMessage());
  }

  @Test
  void gatewayOnTheIngressPortOfANodeWithServicesIsAnError() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> compile("  - node: beta\n    basicAuth:\n      users: [{name: j, passwordEnv: P}]\n", Map.of("P", "x")));
    assertTrue(e.getMessage().contains("is the ingress port of node \"beta\", which serves services"), e.getMessage());
  }

  @Test
  void seedFrontProxySampleHasJimmy() {
    String lds = Meshes.text(
        Compiler.compileFile(Meshes.projectRoot().resolve("samples/front-proxy.yaml"), List.of("ingress"), n -> "/e"),
        "ingress", "lds.yaml");
    assertTrue(lds.contains("jimmy:{SHA}cRDtpNCeBiql5KOQsKVyrA0sAiA="), lds);
  }
}
