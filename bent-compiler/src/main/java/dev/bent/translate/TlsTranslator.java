package dev.bent.translate;

import com.google.protobuf.Any;
import dev.bent.ir.PemFile;
import dev.bent.ir.TlsPlan;
import dev.bent.model.TlsSettings;
import dev.bent.tls.Identities;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.DataSource;
import io.envoyproxy.envoy.config.core.v3.TransportSocket;
import io.envoyproxy.envoy.config.core.v3.WatchedDirectory;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.FilterChainMatch;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.listener.v3.ListenerFilter;
import io.envoyproxy.envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.CertificateValidationContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.CommonTlsContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.SdsSecretConfig;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.Secret;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.SubjectAltNameMatcher;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.TlsCertificate;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.TlsParameters;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext;
import io.envoyproxy.envoy.type.matcher.v3.StringMatcher;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Translates mesh TLS: the node's secrets (its identity certificate and the trust bundle, one SDS
 * file each), the upstream TLS context of every egress cluster, and the TLS of the ingress
 * listener.
 *
 * <p>Reasoning: the PEM files are copied into the node's generation and the secrets name them
 * through {@code ..data}, and both the SDS subscriptions and the secrets' own file watches watch
 * the node directory. One rename of {@code ..data} therefore swaps certificates, keys, SDS files
 * and the rest of the configuration together, and Envoy reloads them without a restart.
 */
public final class TlsTranslator {
  public static final String IDENTITY = "identity";
  public static final String TRUST_BUNDLE = "trust_bundle";
  public static final String IDENTITY_CERT = "tls/identity.crt";
  public static final String IDENTITY_KEY = "tls/identity.key";
  public static final String TRUST_BUNDLE_CERT = "tls/trust_bundle.crt";
  public static final String GATEWAY = "gateway";
  public static final String GATEWAY_CERT = "tls/gateway.crt";
  public static final String GATEWAY_KEY = "tls/gateway.key";
  static final String TLS_SOCKET = "envoy.transport_sockets.tls";
  static final String TLS_INSPECTOR = "envoy.filters.listener.tls_inspector";

  private final TlsPlan plan;
  private final ConfigSources sources;
  private final String envoyDir;

  TlsTranslator(TlsPlan plan, ConfigSources sources) {
    this.plan = plan;
    this.sources = sources;
    this.envoyDir = sources.directory();
  }

  /** The SDS file of the secret {@code name}, relative to the node directory. */
  public static String sdsFile(String name) {
    return "sds/" + name + ".yaml";
  }

  /** The node's secrets: its identity certificate and key, and the trust bundle. */
  List<Secret> secrets() {
    WatchedDirectory watched = WatchedDirectory.newBuilder().setPath(envoyDir).build();
    Secret identity = Secret.newBuilder()
        .setName(IDENTITY)
        .setTlsCertificate(TlsCertificate.newBuilder()
            .setCertificateChain(file(IDENTITY_CERT))
            .setPrivateKey(file(IDENTITY_KEY))
            .setWatchedDirectory(watched))
        .build();
    Secret bundle = Secret.newBuilder()
        .setName(TRUST_BUNDLE)
        .setValidationContext(CertificateValidationContext.newBuilder()
            .setTrustedCa(file(TRUST_BUNDLE_CERT))
            .setWatchedDirectory(watched))
        .build();
    return List.of(identity, bundle);
  }

  /** The PEM files the secrets name, by path in the generation. */
  SortedMap<String, PemFile> pemFiles(String node) {
    SortedMap<String, PemFile> files = new TreeMap<>();
    TlsPlan.NodeIdentity identity = plan.identities().get(node);
    files.put(IDENTITY_CERT, identity.certificateChain());
    files.put(IDENTITY_KEY, identity.privateKey());
    files.put(TRUST_BUNDLE_CERT, plan.trustBundle());
    return files;
  }

  /**
   * {@code cluster} originating mutual TLS to the sidecars of {@code service}: the node's
   * certificate, the peer verified against the trust bundle and required to present the service's
   * URI SAN, and SNI set to the service.
   */
  Cluster upstream(Cluster cluster, String service) {
    String san = Identities.service(plan.trustDomain(), service);
    CertificateValidationContext peer = CertificateValidationContext.newBuilder()
        .addMatchTypedSubjectAltNames(SubjectAltNameMatcher.newBuilder()
            .setSanType(SubjectAltNameMatcher.SanType.URI)
            .setMatcher(StringMatcher.newBuilder().setExact(san)))
        .build();
    UpstreamTlsContext context = UpstreamTlsContext.newBuilder()
        .setCommonTlsContext(common().setCombinedValidationContext(
            CommonTlsContext.CombinedCertificateValidationContext.newBuilder()
                .setDefaultValidationContext(peer)
                .setValidationContextSdsSecretConfig(secret(TRUST_BUNDLE))))
        .setSni(service)
        .build();
    return cluster.toBuilder().setTransportSocket(socket(context)).build();
  }

  /**
   * The ingress listener requiring a client certificate from the trust bundle; in permissive mode
   * a TLS inspector picks a TLS chain or a plain-text chain for each connection.
   */
  Listener ingress(Listener listener) {
    DownstreamTlsContext context = DownstreamTlsContext.newBuilder()
        .setCommonTlsContext(common().setValidationContextSdsSecretConfig(secret(TRUST_BUNDLE)))
        .setRequireClientCertificate(com.google.protobuf.BoolValue.of(true))
        .build();
    FilterChain plain = listener.getFilterChains(0);
    FilterChain tls = plain.toBuilder().setTransportSocket(socket(context)).build();
    if (plan.mode() == TlsSettings.Mode.STRICT) {
      return listener.toBuilder().setFilterChains(0, tls).build();
    }
    return listener.toBuilder()
        .addListenerFilters(ListenerFilter.newBuilder()
            .setName(TLS_INSPECTOR)
            .setTypedConfig(Any.pack(TlsInspector.getDefaultInstance())))
        .clearFilterChains()
        .addFilterChains(tls.toBuilder().setFilterChainMatch(FilterChainMatch.newBuilder().setTransportProtocol("tls")))
        .addFilterChains(plain.toBuilder().setFilterChainMatch(
            FilterChainMatch.newBuilder().setTransportProtocol("raw_buffer")))
        .build();
  }

  private CommonTlsContext.Builder common() {
    return CommonTlsContext.newBuilder()
        .setTlsParams(TlsParameters.newBuilder()
            .setTlsMinimumProtocolVersion(TlsParameters.TlsProtocol.TLSv1_2))
        .addTlsCertificateSdsSecretConfigs(secret(IDENTITY));
  }

  private SdsSecretConfig secret(String name) {
    return secret(sources, name);
  }

  private DataSource file(String relative) {
    return file(sources, relative);
  }

  private static SdsSecretConfig secret(ConfigSources sources, String name) {
    return SdsSecretConfig.newBuilder().setName(name).setSdsConfig(sources.file(sdsFile(name))).build();
  }

  private static DataSource file(ConfigSources sources, String relative) {
    return DataSource.newBuilder().setFilename(sources.directory() + "/..data/" + relative).build();
  }

  /** The secret of a gateway's own server certificate. */
  static Secret gatewaySecret(ConfigSources sources) {
    return Secret.newBuilder()
        .setName(GATEWAY)
        .setTlsCertificate(TlsCertificate.newBuilder()
            .setCertificateChain(file(sources, GATEWAY_CERT))
            .setPrivateKey(file(sources, GATEWAY_KEY))
            .setWatchedDirectory(WatchedDirectory.newBuilder().setPath(sources.directory())))
        .build();
  }

  /** The PEM files of a gateway's server certificate. */
  static SortedMap<String, PemFile> gatewayPemFiles(TlsPlan.NodeIdentity identity) {
    SortedMap<String, PemFile> files = new TreeMap<>();
    files.put(GATEWAY_CERT, identity.certificateChain());
    files.put(GATEWAY_KEY, identity.privateKey());
    return files;
  }

  /**
   * The gateway listener serving HTTPS only, TLS 1.2 or newer, with its own certificate. Reasoning:
   * with one TLS filter chain and no plain-text chain, a plain HTTP request on the port fails the
   * handshake and the connection is closed; nothing is redirected, so no password ever crosses
   * the network in clear.
   */
  static Listener gatewayListener(Listener listener, ConfigSources sources) {
    DownstreamTlsContext context = DownstreamTlsContext.newBuilder()
        .setCommonTlsContext(CommonTlsContext.newBuilder()
            .setTlsParams(TlsParameters.newBuilder()
                .setTlsMinimumProtocolVersion(TlsParameters.TlsProtocol.TLSv1_2))
            .addTlsCertificateSdsSecretConfigs(secret(sources, GATEWAY)))
        .build();
    return listener.toBuilder()
        .setFilterChains(0, listener.getFilterChains(0).toBuilder().setTransportSocket(socket(context)))
        .build();
  }

  private static TransportSocket socket(com.google.protobuf.Message context) {
    return TransportSocket.newBuilder().setName(TLS_SOCKET).setTypedConfig(Any.pack(context)).build();
  }
}
