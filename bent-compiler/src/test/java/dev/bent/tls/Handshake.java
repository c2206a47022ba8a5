package dev.bent.tls;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/** One TLS handshake on loopback between a client and a server that requires a client certificate. */
final class Handshake {
  private Handshake() {}

  /** The certificate the server presented; throws when the handshake fails on either side. */
  static X509Certificate run(TlsEndpoint client, String sni, TlsEndpoint server) throws Exception {
    try (SSLServerSocket listening = (SSLServerSocket) server.sslContext().getServerSocketFactory()
        .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      listening.setNeedClientAuth(true);
      listening.setSoTimeout(10_000);
      CompletableFuture<Void> accepted = CompletableFuture.runAsync(() -> {
        try (SSLSocket socket = (SSLSocket) listening.accept()) {
          socket.setSoTimeout(10_000);
          socket.startHandshake();
          socket.getOutputStream().write(1);
          socket.getOutputStream().flush();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      X509Certificate presented;
      try (SSLSocket socket = (SSLSocket) client.sslContext().getSocketFactory().createSocket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listening.getLocalPort()), 10_000);
        socket.setSoTimeout(10_000);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setServerNames(List.of(new SNIHostName(sni)));
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        // In TLS 1.3 the server checks the client certificate after the client's handshake ends:
        // reading the server's first byte makes its verdict part of this handshake.
        if (socket.getInputStream().read() != 1) {
          throw new javax.net.ssl.SSLHandshakeException("the server closed the connection");
        }
        presented = (X509Certificate) socket.getSession().getPeerCertificates()[0];
      }
      accepted.get(10, TimeUnit.SECONDS);
      return presented;
    }
  }
}
