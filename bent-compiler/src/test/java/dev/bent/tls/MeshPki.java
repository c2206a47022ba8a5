package dev.bent.tls;

import dev.bent.diag.Location;
import dev.bent.model.Mesh;
import dev.bent.model.MeshSettings;
import dev.bent.model.NodeEntry;
import dev.bent.model.ServiceEntry;
import dev.bent.model.TlsSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Certificates for a test mesh, made at test time against a clock the test controls: a CA in
 * {@code ca.crt} and, for each node, {@code <node>.crt} and {@code <node>.key} whose URI SANs name
 * the node and every service it serves.
 */
public final class MeshPki {
  public static final String TRUST_DOMAIN = "mesh.test";
  public static final Duration YEAR = Duration.ofDays(365);

  private final CertificateAuthority ca;
  private final Path directory;
  private final Instant notBefore;

  private MeshPki(CertificateAuthority ca, Path directory, Instant notBefore) {
    this.ca = ca;
    this.directory = directory;
    this.notBefore = notBefore;
  }

  /** A new CA valid from {@code notBefore} for ten years, writing into {@code directory}. */
  public static MeshPki create(Path directory, Instant notBefore) throws IOException {
    Files.createDirectories(directory);
    MeshPki pki = new MeshPki(CertificateAuthority.create(TRUST_DOMAIN, notBefore, YEAR.multipliedBy(10)),
        directory, notBefore);
    Files.write(directory.resolve("ca.crt"), pki.ca.asIssued().certificatePem());
    return pki;
  }

  public CertificateAuthority ca() {
    return ca;
  }

  /** Issues and writes the certificate of every node of {@code mesh}, valid for a year. */
  public MeshPki issueAll(Mesh mesh) throws IOException {
    for (NodeEntry node : mesh.nodes()) {
      issue(node.name(), node.services().stream().map(ServiceEntry::name).distinct().toList(), notBefore, YEAR);
    }
    return this;
  }

  /** Writes {@code <node>.crt} and {@code <node>.key} naming {@code services} and the node. */
  public CertificateAuthority.Issued issue(String node, List<String> services, Instant from, Duration validity)
      throws IOException {
    List<String> uris = new ArrayList<>();
    uris.add(Identities.node(TRUST_DOMAIN, node));
    services.forEach(s -> uris.add(Identities.service(TRUST_DOMAIN, s)));
    CertificateAuthority.Issued issued = ca.issue(node, uris, List.of(), from, validity);
    Files.write(directory.resolve(node + ".crt"), issued.certificatePem());
    Files.write(directory.resolve(node + ".key"), issued.keyPem());
    return issued;
  }

  /** {@code mesh} with {@code mesh.tls} pointing at this directory (relative to {@code base}). */
  public Mesh withTls(Mesh mesh, Path base, TlsSettings.Mode mode, Map<String, List<TlsSettings.Named>> callers) {
    Location at = Location.of(mesh.origin(), 1, 1);
    String dir = base.relativize(directory).toString();
    TlsSettings tls = new TlsSettings(mode, TRUST_DOMAIN, new TlsSettings.FileRef(dir + "/ca.crt", at),
        Optional.of(new TlsSettings.FileRef(dir, at)), Optional.empty(), Map.of(), OptionalInt.empty(), OptionalInt.empty(), 30,
        callers, at);
    MeshSettings s = mesh.settings();
    MeshSettings settings = new MeshSettings(s.ports(), s.accessLog(), s.tracing(), s.gateways(), s.location(),
        Optional.of(tls));
    return new Mesh(mesh.origin(), settings, mesh.services(), mesh.nodes());
  }
}
