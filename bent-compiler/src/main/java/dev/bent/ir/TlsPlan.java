package dev.bent.ir;

import dev.bent.model.TlsSettings;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Mutual TLS of the mesh, resolved: the trust bundle, each node's certificate chain and key (read
 * and checked), the callers each service allows (as URI SANs), and who owns the copied key files.
 */
public record TlsPlan(
    TlsSettings.Mode mode,
    String trustDomain,
    PemFile trustBundle,
    Map<String, NodeIdentity> identities,
    Map<String, List<String>> allowedCallers,
    OptionalInt keyOwner,
    OptionalInt keyGroup,
    CertificateExpiry expiry) {
  public TlsPlan {
    identities = Map.copyOf(identities);
    allowedCallers = Map.copyOf(allowedCallers);
  }

  /** A node's certificate chain and private key, as read from its files. */
  public record NodeIdentity(PemFile certificateChain, PemFile privateKey) {}
}
