package dev.bent.cli;

import dev.bent.diag.Diagnostics;
import dev.bent.diag.InvalidInputException;
import dev.bent.diag.Location;
import dev.bent.model.Mesh;
import dev.bent.model.NodeEntry;
import dev.bent.model.ServiceEntry;
import dev.bent.model.TlsSettings;
import dev.bent.source.MeshFileReader;
import dev.bent.tls.CertificateAuthority;
import dev.bent.tls.CertificateChecks;
import dev.bent.tls.Identities;
import dev.bent.tls.Pem;
import dev.bent.tls.PemFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bent ca}: a certificate authority for development and tests. Production certificates
 * come from the user's own CA (ACM Private CA, Vault, cfssl).
 */
@Command(
    name = "ca",
    description = {
      "A certificate authority for development and tests: mesh TLS certificates with the right SANs.",
      "",
      "Production certificates should come from your own CA (ACM Private CA, Vault, cfssl);",
      "bent only reads certificate files."
    },
    subcommands = {CaCommand.Init.class, CaCommand.Issue.class})
final class CaCommand implements Runnable {
  static final String CA_CERT = "ca.crt";
  static final String CA_KEY = "ca.key";

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: init or issue");
  }

  /** {@code bent ca init}: a new self-signed CA for a trust domain. */
  @Command(name = "init", sortOptions = false,
      description = "Create a trust domain's CA: DIR/ca.crt (the trust bundle) and DIR/ca.key (mode 0600).")
  static final class Init implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--trust-domain", required = true, paramLabel = "DOMAIN",
        description = "The trust domain, as in mesh.tls.trustDomain.")
    String trustDomain;

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "Where to write ca.crt and ca.key.")
    Path dir;

    @Option(names = "--days", defaultValue = "3650", paramLabel = "N", description = "Validity (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--replace", description = "Replace an existing CA in DIR.")
    boolean replace;

    @Override
    public Integer call() throws IOException {
      if (!trustDomain.matches("[a-z0-9._-]{1,255}")) {
        throw InvalidInputException.of(Location.of("--trust-domain"),
            "the trust domain must be lowercase letters, digits, '.', '-' or '_', got \"" + trustDomain + "\"");
      }
      CertificateAuthority ca = CertificateAuthority.create(trustDomain, Instant.now().minus(Duration.ofMinutes(5)),
          Duration.ofDays(days));
      if (!replace && (Files.exists(dir.resolve(CA_CERT)) || Files.exists(dir.resolve(CA_KEY)))) {
        throw new java.nio.file.FileAlreadyExistsException(dir.resolve(CA_CERT).toString(), null,
            "a CA already exists there; pass --replace to replace it");
      }
      PemFiles.write(dir.resolve(CA_KEY), ca.asIssued().keyPem(), true, replace);
      PemFiles.write(dir.resolve(CA_CERT), ca.asIssued().certificatePem(), false, replace);
      spec.commandLine().getOut().println("wrote " + dir.resolve(CA_CERT) + " and " + dir.resolve(CA_KEY)
          + " for trust domain " + trustDomain);
      return ExitCode.OK;
    }
  }

  /** {@code bent ca issue}: node certificates for a mesh file's {@code mesh.tls}. */
  @Command(name = "issue", sortOptions = false, description = {
      "Issue each node's certificate and key where mesh.tls says (certificates: DIR/<node>.crt and",
      "<node>.key, or the node's own paths), with the URI SANs spiffe://<trust domain>/node/<node>",
      "and spiffe://<trust domain>/service/<name> for every service the node serves."})
  static final class Issue implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "The mesh file.")
    Path config;

    @Option(names = "--ca", required = true, paramLabel = "DIR", description = "The directory of ca.crt and ca.key.")
    Path caDir;

    @Option(names = "--node", paramLabel = "NAME", description = "Only these nodes (default: every node).")
    List<String> nodes = new ArrayList<>();

    @Option(names = "--days", defaultValue = "90", paramLabel = "N", description = "Validity (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--replace", description = "Replace existing certificate and key files (rotation).")
    boolean replace;

    @Override
    public Integer call() throws IOException {
      Diagnostics diagnostics = new Diagnostics();
      Mesh mesh = MeshFileReader.read(config, config.toString(), diagnostics);
      diagnostics.throwIfErrors();
      TlsSettings tls = mesh.settings().tls().orElseThrow(() -> InvalidInputException.of(
          Location.of(config.toString()), "the mesh has no mesh.tls section; nothing says where certificates go"));
      CertificateAuthority ca = load(tls.trustDomain());
      Path base = config.toAbsolutePath().getParent();
      List<String> known = mesh.nodes().stream().map(NodeEntry::name).toList();
      for (String name : nodes) {
        if (!known.contains(name)) {
          throw InvalidInputException.of(Location.of("--node"), "no node named \"" + name + "\"; nodes: "
              + String.join(", ", known));
        }
      }
      Instant now = Instant.now();
      for (NodeEntry node : mesh.nodes()) {
        if (!nodes.isEmpty() && !nodes.contains(node.name())) {
          continue;
        }
        List<String> uris = new ArrayList<>();
        uris.add(Identities.node(tls.trustDomain(), node.name()));
        node.services().stream().map(ServiceEntry::name).distinct()
            .forEach(s -> uris.add(Identities.service(tls.trustDomain(), s)));
        CertificateAuthority.Issued issued = ca.issue(node.name(), uris, List.of(), now.minus(Duration.ofMinutes(5)),
            Duration.ofDays(days));
        Path cert = base.resolve(path(tls, node.name(), true));
        Path key = base.resolve(path(tls, node.name(), false));
        if (!replace && (Files.exists(cert) || Files.exists(key))) {
          throw new java.nio.file.FileAlreadyExistsException(cert.toString(), null,
              "exists; pass --replace to issue a new certificate over it");
        }
        PemFiles.write(key, issued.keyPem(), true, replace);
        PemFiles.write(cert, Pem.write(issued.certificate()), false, replace);
        spec.commandLine().getOut().println("issued " + cert + " for " + String.join(", ", uris));
      }
      return ExitCode.OK;
    }

    private CertificateAuthority load(String trustDomain) throws IOException {
      try {
        X509Certificate certificate = Pem.certificates(Files.readAllBytes(caDir.resolve(CA_CERT))).get(0);
        PrivateKey key = Pem.privateKey(Files.readAllBytes(caDir.resolve(CA_KEY)));
        if (!CertificateChecks.keyMatches(key, certificate)) {
          throw InvalidInputException.of(Location.of(caDir.resolve(CA_KEY).toString()),
              "is not the private key of " + caDir.resolve(CA_CERT));
        }
        String expected = "spiffe://" + trustDomain;
        if (!CertificateChecks.uriSans(certificate).contains(expected)) {
          throw InvalidInputException.of(Location.of(caDir.resolve(CA_CERT).toString()),
              "is not the CA of trust domain " + trustDomain + " (it lacks the URI SAN " + expected + ")");
        }
        return new CertificateAuthority(certificate, key);
      } catch (Pem.PemException e) {
        throw InvalidInputException.of(Location.of(caDir.toString()), "the CA files " + e.getMessage());
      }
    }

    private static String path(TlsSettings tls, String node, boolean certificate) {
      return (certificate ? tls.certificateOf(node) : tls.keyOf(node)).map(TlsSettings.FileRef::path)
          .orElse(node + (certificate ? ".crt" : ".key"));
    }
  }
}
