package dev.bent.tls;

import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.CommonTlsContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.SdsSecretConfig;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A Java TLS context holding exactly what an emitted TLS context names: the certificate chain and
 * key of its SDS identity secret and the CA certificates of its SDS validation secret, each read
 * from the file the secret names.
 */
record TlsEndpoint(List<X509Certificate> chain, PrivateKey key, List<X509Certificate> trusted) {

  /** The endpoint the emitted {@code context} describes. */
  static TlsEndpoint of(CommonTlsContext context) throws Exception {
    Secret identity = secret(context.getTlsCertificateSdsSecretConfigs(0));
    SdsSecretConfig validation = context.hasCombinedValidationContext()
        ? context.getCombinedValidationContext().getValidationContextSdsSecretConfig()
        : context.getValidationContextSdsSecretConfig();
    Secret bundle = secret(validation);
    return new TlsEndpoint(
        Pem.certificates(read(identity.getTlsCertificate().getCertificateChain().getFilename())),
        Pem.privateKey(read(identity.getTlsCertificate().getPrivateKey().getFilename())),
        Pem.certificates(read(bundle.getValidationContext().getTrustedCa().getFilename())));
  }

  /** The same trust, but another certificate and key. */
  TlsEndpoint holding(List<X509Certificate> otherChain, PrivateKey otherKey) {
    return new TlsEndpoint(otherChain, otherKey, trusted);
  }

  SSLContext sslContext() throws Exception {
    char[] password = "test".toCharArray();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry("identity", key, password, chain.toArray(X509Certificate[]::new));
    KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, password);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    for (int i = 0; i < trusted.size(); i++) {
      trust.setCertificateEntry("ca" + i, trusted.get(i));
    }
    TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
    return context;
  }

  private static Secret secret(SdsSecretConfig config) {
    Secret secret = EnvoyFiles.secret(config.getSdsConfig().getPathConfigSource().getPath());
    if (!secret.getName().equals(config.getName())) {
      throw new AssertionError("SDS file holds " + secret.getName() + ", the context asks for " + config.getName());
    }
    return secret;
  }

  private static byte[] read(String path) throws Exception {
    return Files.readAllBytes(Path.of(path));
  }
}
