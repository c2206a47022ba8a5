package dev.bent.resolve;

import dev.bent.diag.Diagnostics;
import dev.bent.diag.Location;
import dev.bent.diag.Suggestions;
import dev.bent.ir.CertificateExpiry;
import dev.bent.ir.PemFile;
import dev.bent.ir.TlsPlan;
import dev.bent.model.Mesh;
import dev.bent.model.NodeEntry;
import dev.bent.model.ServiceEntry;
import dev.bent.model.TlsSettings;
import dev.bent.model.TlsSettings.FileRef;
import dev.bent.tls.CertificateChecks;
import dev.bent.tls.Identities;
import dev.bent.tls.Pem;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Resolves {@code mesh.tls}: reads the trust bundle and each node's certificate and key, checks
 * them against the clock, each other and the bundle, checks that each certificate names the
 * services its node serves, and turns {@code allowedCallers} into URI SANs. Every problem names
 * the file and the place in the mesh file that led to it; key bytes are never quoted.
 */
final class TlsResolver {
  private final Diagnostics diagnostics;
  private final Credentials credentials;
  private Instant earliest = Instant.MAX;
  private int withinWindow;

  private final java.util.function.Predicate<String> compiled;

  TlsResolver(Diagnostics diagnostics, Credentials credentials, java.util.function.Predicate<String> compiled) {
    this.diagnostics = diagnostics;
    this.credentials = credentials;
    this.compiled = compiled;
  }

  Optional<TlsPlan> resolve(Mesh mesh) {
    Optional<TlsSettings> found = mesh.settings().tls();
    if (found.isEmpty()) {
      return Optional.empty();
    }
    TlsSettings tls = found.get();
    Instant now = credentials.clock().instant();
    Duration window = Duration.ofDays(tls.expiryWarningDays());
    Set<String> nodeNames = new TreeSet<>();
    mesh.nodes().forEach(n -> nodeNames.add(n.name()));
    Set<String> serviceNames = new TreeSet<>();
    mesh.services().forEach(s -> serviceNames.add(s.name()));
    mesh.nodes().forEach(n -> n.services().forEach(s -> serviceNames.add(s.name())));
    tls.nodes().keySet().stream().filter(n -> !nodeNames.contains(n)).sorted().forEach(n -> diagnostics.error(
        tls.nodes().get(n).certificate().location(), "mesh.tls.nodes names \"" + n + "\", which is not a node"
            + Suggestions.didYouMean(n, nodeNames)));
    Map<String, List<String>> callers = allowedCallers(tls, serviceNames, nodeNames);
    Set<String> callerNodes = new TreeSet<>();
    tls.allowedCallers().values().forEach(l -> l.forEach(c -> {
      if (nodeNames.contains(c.name())) {
        callerNodes.add(c.name());
      }
    }));

    if (mesh.nodes().stream().noneMatch(n -> compiled.test(n.name()))) {
      return Optional.empty();
    }
    Optional<PemFile> bundleFile = read(tls.trustBundle(), false);
    List<X509Certificate> bundle = List.of();
    if (bundleFile.isPresent()) {
      try {
        bundle = Pem.certificates(bundleFile.get().bytes());
        for (X509Certificate ca : bundle) {
          report(tls.trustBundle(), CertificateChecks.validity(ca, now, window));
          count(ca, now, window);
        }
      } catch (Pem.PemException e) {
        fileError(tls.trustBundle(), e.getMessage());
      }
    }
    Map<String, TlsPlan.NodeIdentity> identities = new TreeMap<>();
    for (NodeEntry node : mesh.nodes()) {
      if (!compiled.test(node.name())) {
        continue;
      }
      FileRef cert = tls.certificateOf(node.name()).orElse(null);
      FileRef key = tls.keyOf(node.name()).orElse(null);
      if (cert == null || key == null) {
        continue;
      }
      Optional<PemFile> certFile = read(cert, false);
      Optional<PemFile> keyFile = read(key, true);
      if (certFile.isEmpty() || keyFile.isEmpty()) {
        continue;
      }
      List<String> required = new ArrayList<>();
      node.services().stream().map(ServiceEntry::name).distinct()
          .forEach(s -> required.add(Identities.service(tls.trustDomain(), s)));
      if (callerNodes.contains(node.name())) {
        required.add(Identities.node(tls.trustDomain(), node.name()));
      }
      if (check(node.name(), cert, certFile.get(), key, keyFile.get(), bundle, now, window, required)) {
        identities.put(node.name(), new TlsPlan.NodeIdentity(
            certFile.get(), keyFile.get().ownedBy(tls.keyOwner(), tls.keyGroup())));
      }
    }
    if (bundleFile.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new TlsPlan(tls.mode(), tls.trustDomain(), bundleFile.get(), identities, callers,
        tls.keyOwner(), tls.keyGroup(), new CertificateExpiry(earliest, withinWindow)));
  }

  /**
   * A gateway's server certificate and key, checked for dates and key pair; its chain is for the
   * gateway's clients to judge, so it is not checked against the mesh's trust bundle.
   */
  Optional<TlsPlan.NodeIdentity> serverCertificate(TlsSettings.NodeCertificate files) {
    Optional<PemFile> cert = read(files.certificate(), false);
    Optional<PemFile> key = read(files.key(), true);
    if (cert.isEmpty() || key.isEmpty()) {
      return Optional.empty();
    }
    long errors = diagnostics.errorCount();
    try {
      List<X509Certificate> chain = Pem.certificates(cert.get().bytes());
      PrivateKey privateKey = Pem.privateKey(key.get().bytes());
      Instant now = credentials.clock().instant();
      for (X509Certificate c : chain) {
        report(files.certificate(), CertificateChecks.validity(c, now,
            Duration.ofDays(TlsSettings.DEFAULT_EXPIRY_WARNING_DAYS)));
      }
      if (!CertificateChecks.keyMatches(privateKey, chain.get(0))) {
        fileError(files.key(), "is not the private key of the certificate in " + files.certificate().path());
      }
    } catch (Pem.PemException e) {
      fileError(files.certificate(), e.getMessage());
    }
    return diagnostics.errorCount() == errors
        ? Optional.of(new TlsPlan.NodeIdentity(cert.get(), key.get()))
        : Optional.empty();
  }

  private boolean check(String node, FileRef cert, PemFile certFile, FileRef key, PemFile keyFile,
      List<X509Certificate> bundle, Instant now, Duration window, List<String> required) {
    List<X509Certificate> chain;
    PrivateKey privateKey;
    try {
      chain = Pem.certificates(certFile.bytes());
    } catch (Pem.PemException e) {
      fileError(cert, e.getMessage());
      return false;
    }
    try {
      privateKey = Pem.privateKey(keyFile.bytes());
    } catch (Pem.PemException e) {
      fileError(key, e.getMessage());
      return false;
    }
    long errors = diagnostics.errorCount();
    X509Certificate leaf = chain.get(0);
    for (X509Certificate c : chain) {
      report(cert, CertificateChecks.validity(c, now, window));
      count(c, now, window);
    }
    if (!CertificateChecks.keyMatches(privateKey, leaf)) {
      fileError(key, "is not the private key of the certificate in " + cert.path());
    }
    // The chain check repeats a validity error in PKIX words; report it only when the dates are fine.
    if (!bundle.isEmpty() && diagnostics.errorCount() == errors) {
      String problem = CertificateChecks.chainProblem(chain, bundle, now);
      if (problem != null) {
        fileError(cert, problem);
      }
    }
    Set<String> sans = CertificateChecks.uriSans(leaf);
    for (String uri : required) {
      if (!sans.contains(uri)) {
        fileError(cert, "is node \"" + node + "\"'s certificate but lacks the URI SAN " + uri
            + "; its URI SANs: " + (sans.isEmpty() ? "none" : String.join(", ", sans)));
      }
    }
    return diagnostics.errorCount() == errors;
  }

  private Map<String, List<String>> allowedCallers(TlsSettings tls, Set<String> services, Set<String> nodes) {
    Map<String, List<String>> out = new TreeMap<>();
    Location at = tls.location();
    tls.allowedCallers().forEach((service, callers) -> {
      if (!services.contains(service)) {
        diagnostics.error(callers.isEmpty() ? at : callers.get(0).location(), "mesh.tls.allowedCallers names \""
            + service + "\", which is not a service" + Suggestions.didYouMean(service, services));
        return;
      }
      List<String> uris = new ArrayList<>();
      for (TlsSettings.Named caller : callers) {
        boolean isService = services.contains(caller.name());
        boolean isNode = nodes.contains(caller.name());
        if (isService && isNode) {
          diagnostics.error(caller.location(), "caller \"" + caller.name() + "\" is both a service and a node;"
              + " rename one of them");
        } else if (isService) {
          uris.add(Identities.service(tls.trustDomain(), caller.name()));
        } else if (isNode) {
          uris.add(Identities.node(tls.trustDomain(), caller.name()));
        } else {
          Set<String> both = new TreeSet<>(services);
          both.addAll(nodes);
          diagnostics.error(caller.location(), "caller \"" + caller.name() + "\" of " + service
              + " is neither a service nor a node" + Suggestions.didYouMean(caller.name(), both));
        }
      }
      out.put(service, uris.stream().distinct().sorted().toList());
    });
    return out;
  }

  private Optional<PemFile> read(FileRef file, boolean privateKey) {
    try {
      return Optional.of(new PemFile(credentials.readBytes(file.path()), privateKey));
    } catch (NoSuchFileException e) {
      fileError(file, "does not exist (looked in " + credentials.resolve(file.path()).normalize() + ")");
    } catch (IOException e) {
      fileError(file, "cannot be read: " + e.getClass().getSimpleName());
    }
    return Optional.empty();
  }

  private void count(X509Certificate certificate, Instant now, Duration window) {
    Instant notAfter = certificate.getNotAfter().toInstant();
    earliest = notAfter.isBefore(earliest) ? notAfter : earliest;
    if (now.plus(window).isAfter(notAfter)) {
      withinWindow++;
    }
  }

  private void report(FileRef file, List<CertificateChecks.Finding> findings) {
    for (CertificateChecks.Finding finding : findings) {
      if (finding.error()) {
        fileError(file, finding.message());
      } else {
        diagnostics.warning(file.location(), file.path() + " " + finding.message());
      }
    }
  }

  private void fileError(FileRef file, String message) {
    diagnostics.error(file.location(), file.path() + " " + message);
  }
}
