package dev.bent.tls;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The checks a certificate file and its key pass at compile time, against a clock: validity
 * period, key pair, chain to the trust bundle, URI SANs. Each finding completes the sentence
 * "FILE ..." and never quotes key material.
 */
public final class CertificateChecks {
  private static final byte[] PROBE = "bent key pair probe".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private CertificateChecks() {}

  /** One finding about a file: an error (Envoy or a peer would refuse it) or a warning. */
  public record Finding(boolean error, String message) {}

  /** Expired or not yet valid at {@code now} is an error; expiring within {@code window}, a warning. */
  public static List<Finding> validity(X509Certificate certificate, Instant now, Duration window) {
    Instant notBefore = certificate.getNotBefore().toInstant();
    Instant notAfter = certificate.getNotAfter().toInstant();
    String subject = certificate.getSubjectX500Principal().getName();
    if (now.isBefore(notBefore)) {
      return List.of(new Finding(true, "holds a certificate (" + subject + ") not valid before " + notBefore));
    }
    if (now.isAfter(notAfter)) {
      return List.of(new Finding(true, "holds a certificate (" + subject + ") that expired at " + notAfter));
    }
    if (now.plus(window).isAfter(notAfter)) {
      return List.of(new Finding(false, "holds a certificate (" + subject + ") that expires at " + notAfter
          + ", within " + window.toDays() + " days"));
    }
    return List.of();
  }

  /** Whether {@code key} is the private half of {@code certificate}'s public key. */
  public static boolean keyMatches(PrivateKey key, X509Certificate certificate) {
    PublicKey publicKey = certificate.getPublicKey();
    if (!key.getAlgorithm().equals(publicKey.getAlgorithm())) {
      return false;
    }
    String algorithm = switch (key.getAlgorithm()) {
      case "EC" -> "SHA256withECDSA";
      case "RSA" -> "SHA256withRSA";
      case "Ed25519" -> "Ed25519";
      default -> null;
    };
    if (algorithm == null) {
      return false;
    }
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(PROBE);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(PROBE);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /**
   * Why {@code chain} (leaf first, then intermediates) does not verify against {@code bundle} at
   * {@code now}; null when it does.
   */
  public static String chainProblem(List<X509Certificate> chain, Collection<X509Certificate> bundle, Instant now) {
    try {
      Set<TrustAnchor> anchors = new HashSet<>();
      bundle.forEach(ca -> anchors.add(new TrustAnchor(ca, null)));
      List<X509Certificate> path = new ArrayList<>(chain);
      // A chain file may end with the root itself; the path stops below the anchor.
      while (path.size() > 1 && bundle.contains(path.get(path.size() - 1))) {
        path.remove(path.size() - 1);
      }
      CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
      PKIXParameters parameters = new PKIXParameters(anchors);
      parameters.setRevocationEnabled(false);
      parameters.setDate(Date.from(now));
      CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
      return null;
    } catch (CertPathValidatorException e) {
      return "does not verify against the trust bundle: " + e.getMessage();
    } catch (GeneralSecurityException e) {
      return "cannot be checked against the trust bundle: " + e.getMessage();
    }
  }

  /** The URI subject alternative names of {@code certificate}. */
  public static Set<String> uriSans(X509Certificate certificate) {
    Set<String> out = new java.util.TreeSet<>();
    try {
      Collection<List<?>> names = certificate.getSubjectAlternativeNames();
      if (names != null) {
        for (List<?> name : names) {
          if (Integer.valueOf(6).equals(name.get(0))) {
            out.add((String) name.get(1));
          }
        }
      }
    } catch (CertificateParsingException e) {
      return out;
    }
    return out;
  }
}
