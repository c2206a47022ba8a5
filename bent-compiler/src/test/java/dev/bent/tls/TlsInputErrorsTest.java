package dev.bent.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.Compiler;
import dev.bent.diag.Diagnostic;
import dev.bent.diag.Diagnostics;
import dev.bent.diag.InvalidInputException;
import dev.bent.resolve.Credentials;
import dev.bent.source.MeshFileReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad certificate inputs are errors at compile time that name the file and the mesh file's place. */
class TlsInputErrorsTest {
  static final Instant NOW = Instant.parse("2031-03-01T12:00:00Z");
  static final String MESH = """
      mesh:
        tls:
          trustDomain: mesh.test
          trustBundle: certs/ca.crt
          certificates: certs
      nodes:
        alpha:
        beta:
        - name: beta.svc
          endpoints: [{address: 10.0.0.2, port: 3000}]
      """;
  @TempDir Path dir;
  MeshPki pki;

  @BeforeEach
  void certificates() throws Exception {
    pki = MeshPki.create(dir.resolve("certs"), NOW.minus(Duration.ofDays(10)));
    pki.issue("alpha", List.of(), NOW.minus(Duration.ofDays(1)), MeshPki.YEAR);
    pki.issue("beta", List.of("beta.svc"), NOW.minus(Duration.ofDays(1)), MeshPki.YEAR);
  }

  private Compiler.Compilation compile(String yaml) throws Exception {
    Path file = dir.resolve("mesh.yaml");
    Files.writeString(file, yaml);
    Diagnostics diagnostics = new Diagnostics();
    return Compiler.compile(MeshFileReader.read(file, "mesh.yaml", diagnostics), diagnostics, List.of(),
        n -> "/etc/envoy/" + n, new Credentials(dir, k -> null, Clock.fixed(NOW, ZoneOffset.UTC)));
  }

  private List<String> errors(String yaml) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> compile(yaml));
    List<String> errors = e.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::toString).toList();
    String all = String.join("\n", errors);
    assertFalse(all.contains("PRIVATE KEY") || all.contains("BEGIN"), "no PEM text in errors: " + all);
    return errors;
  }

  @Test
  void validCertificatesCompile() throws Exception {
    Compiler.Compilation c = compile(MESH);
    assertEquals(List.of("tls/identity.crt", "tls/identity.key", "tls/trust_bundle.crt"),
        List.copyOf(c.nodes().get("beta").pemFiles().keySet()));
    assertFalse(c.nodes().get("beta").files().keySet().stream().anyMatch(p -> p.startsWith("tls/")),
        "PEM files stay out of the configuration that golden files hold");
  }

  @Test
  void anExpiredCertificateIsAnErrorNamingTheFile() throws Exception {
    pki.issue("beta", List.of("beta.svc"), NOW.minus(Duration.ofDays(400)), MeshPki.YEAR);
    List<String> errors = errors(MESH);
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.get(0).startsWith("mesh.yaml:5:19: error: certs/beta.crt holds a certificate"), errors.get(0));
    assertTrue(errors.get(0).contains("expired at"), errors.get(0));
  }

  @Test
  void aCertificateNotYetValidIsAnError() throws Exception {
    pki.issue("alpha", List.of(), NOW.plus(Duration.ofDays(2)), MeshPki.YEAR);
    assertTrue(errors(MESH).get(0).contains("certs/alpha.crt holds a certificate (CN=alpha,O=bent) not valid before"),
        errors(MESH).toString());
  }

  @Test
  void aKeyOfAnotherCertificateIsAnError() throws Exception {
    Files.copy(dir.resolve("certs/alpha.key"), dir.resolve("certs/beta.key"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertEquals(List.of("mesh.yaml:5:19: error: certs/beta.key is not the private key of the certificate in"
        + " certs/beta.crt"), errors(MESH));
  }

  @Test
  void aCertificateOfAnotherCaIsAnError() throws Exception {
    CertificateAuthority other = CertificateAuthority.create("mesh.test", NOW.minus(Duration.ofDays(10)), MeshPki.YEAR);
    CertificateAuthority.Issued issued = other.issue("beta",
        List.of(Identities.service("mesh.test", "beta.svc")), List.of(), NOW.minus(Duration.ofDays(1)), MeshPki.YEAR);
    Files.write(dir.resolve("certs/beta.crt"), issued.certificatePem());
    Files.write(dir.resolve("certs/beta.key"), issued.keyPem());
    List<String> errors = errors(MESH);
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.get(0).startsWith(
        "mesh.yaml:5:19: error: certs/beta.crt does not verify against the trust bundle"), errors.get(0));
  }

  @Test
  void aMissingKeyFileIsAnError() throws Exception {
    Files.delete(dir.resolve("certs/alpha.key"));
    List<String> errors = errors(MESH);
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.get(0).startsWith("mesh.yaml:5:19: error: certs/alpha.key does not exist"), errors.get(0));
  }

  @Test
  void aMissingTrustBundleIsAnErrorAtItsKey() {
    List<String> errors = errors(MESH.replace("certs/ca.crt", "certs/nope.crt"));
    assertTrue(errors.get(0).startsWith("mesh.yaml:4:18: error: certs/nope.crt does not exist"), errors.toString());
  }

  @Test
  void aCertificateWithoutTheServiceSanIsAnError() throws Exception {
    pki.issue("beta", List.of("other.svc"), NOW.minus(Duration.ofDays(1)), MeshPki.YEAR);
    List<String> errors = errors(MESH);
    assertTrue(errors.get(0).contains("certs/beta.crt is node \"beta\"'s certificate but lacks the URI SAN"
        + " spiffe://mesh.test/service/beta.svc"), errors.toString());
  }

  @Test
  void aCertificateExpiringWithinTheWindowIsAWarning() throws Exception {
    pki.issue("beta", List.of("beta.svc"), NOW.minus(Duration.ofDays(360)), MeshPki.YEAR);
    Compiler.Compilation c = compile(MESH);
    assertTrue(c.warnings().stream().anyMatch(w -> w.toString().startsWith("mesh.yaml:5:19: warning: certs/beta.crt")
        && w.toString().contains("within 30 days")), c.warnings().toString());
  }

  @Test
  void settingsErrorsHaveTheirPlace() {
    String yaml = MESH.replace("    trustDomain: mesh.test\n", "    trustDomain: mesh.test\n    mode: lenient\n"
        + "    allowedCallers: {beta.svc: [alpa]}\n");
    List<String> errors = errors(yaml);
    assertTrue(errors.contains("mesh.yaml:4:11: error: mesh.tls.mode must be \"strict\" or \"permissive\", got"
        + " \"lenient\""), errors.toString());
    assertTrue(errors.stream().anyMatch(e -> e.startsWith("mesh.yaml:5:33: error: caller \"alpa\" of beta.svc is"
        + " neither a service nor a node (did you mean \"alpha\"?)")), errors.toString());
  }

  @Test
  void keyFilesNeverReachErrorsEvenWhenTheyAreNotKeys() throws Exception {
    byte[] key = Files.readAllBytes(dir.resolve("certs/beta.key"));
    Files.write(dir.resolve("certs/beta.crt"), key);
    List<String> errors = errors(MESH);
    String keyLine = new String(key, StandardCharsets.US_ASCII).lines().skip(1).findFirst().orElseThrow();
    assertFalse(String.join("\n", errors).contains(keyLine));
    assertTrue(errors.get(0).contains("certs/beta.crt holds a PrivateKeyInfo where only certificates belong")
        || errors.get(0).contains("certs/beta.crt holds a"), errors.toString());
  }
}
