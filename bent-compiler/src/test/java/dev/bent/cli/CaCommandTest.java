package dev.bent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.tls.CertificateChecks;
import dev.bent.tls.Pem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bent ca init} and {@code bent ca issue}, then a compile that uses what they wrote. */
class CaCommandTest {
  static final String MESH = """
      mesh:
        tls: {trustDomain: shop.example, trustBundle: ca/ca.crt, certificates: certs}
      nodes:
        web:
        orders:
        - name: orders.svc
          endpoints: [{address: 10.0.0.2, port: 3000}]
      """;
  @TempDir Path dir;

  @Test
  void initAndIssueMakeCertificatesThatCompile() throws Exception {
    Path mesh = dir.resolve("mesh.yaml");
    Files.writeString(mesh, MESH);
    CliRun init = CliRun.of("ca", "init", "--trust-domain", "shop.example", "--dir", dir.resolve("ca").toString());
    assertEquals(0, init.exitCode(), init.toString());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ca/ca.key"))));
    CliRun issue = CliRun.of("ca", "issue", "-c", mesh.toString(), "--ca", dir.resolve("ca").toString());
    assertEquals(0, issue.exitCode(), issue.toString());
    assertEquals(Set.of("spiffe://shop.example/node/orders", "spiffe://shop.example/service/orders.svc"),
        CertificateChecks.uriSans(Pem.certificates(Files.readAllBytes(dir.resolve("certs/orders.crt"))).get(0)));
    assertFalse(issue.out().contains("PRIVATE"), issue.out());

    CliRun compile = CliRun.of("compile", "-c", mesh.toString(), "-o", dir.resolve("out").toString());
    assertEquals(0, compile.exitCode(), compile.toString());
    assertTrue(Files.exists(dir.resolve("out/orders/..data/tls/identity.key")));
    assertTrue(Files.exists(dir.resolve("out/orders/sds/identity.yaml")));

    CliRun again = CliRun.of("ca", "issue", "-c", mesh.toString(), "--ca", dir.resolve("ca").toString());
    assertEquals(1, again.exitCode(), "an existing certificate is kept unless --replace: " + again);
    CliRun rotate = CliRun.of("ca", "issue", "-c", mesh.toString(), "--ca", dir.resolve("ca").toString(),
        "--node", "orders", "--replace");
    assertEquals(0, rotate.exitCode(), rotate.toString());
  }

  @Test
  void aCompileWithAMissingKeyExitsTwoAndWritesNothing() throws Exception {
    Path mesh = dir.resolve("mesh.yaml");
    Files.writeString(mesh, MESH);
    CliRun.of("ca", "init", "--trust-domain", "shop.example", "--dir", dir.resolve("ca").toString());
    CliRun.of("ca", "issue", "-c", mesh.toString(), "--ca", dir.resolve("ca").toString());
    Files.delete(dir.resolve("certs/web.key"));
    CliRun compile = CliRun.of("compile", "-c", mesh.toString(), "-o", dir.resolve("out").toString());
    assertEquals(2, compile.exitCode(), compile.toString());
    assertTrue(compile.err().contains("mesh.yaml:2:74: error: certs/web.key does not exist"), compile.err());
    assertFalse(Files.exists(dir.resolve("out")));
  }

  @Test
  void issueNeedsTheCaOfTheMeshsTrustDomain() throws Exception {
    Path mesh = dir.resolve("mesh.yaml");
    Files.writeString(mesh, MESH);
    CliRun.of("ca", "init", "--trust-domain", "other.example", "--dir", dir.resolve("ca").toString());
    CliRun issue = CliRun.of("ca", "issue", "-c", mesh.toString(), "--ca", dir.resolve("ca").toString());
    assertEquals(2, issue.exitCode(), issue.toString());
    assertTrue(issue.err().contains("is not the CA of trust domain shop.example"), issue.err());
    assertEquals(List.of(), Files.exists(dir.resolve("certs")) ? List.of("certs") : List.of());
  }
}
