package dev.bent.resolve;

import dev.bent.diag.Diagnostics;
import dev.bent.diag.Location;
import dev.bent.diag.Suggestions;
import dev.bent.ir.GatewayPlan;
import dev.bent.model.MeshSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Resolves {@code mesh.gateways}: checks the node and port, and turns the users into htpasswd lines
 * with {@code {SHA}} hashes, the only form Envoy's basic_auth filter accepts.
 *
 * <p>A clear password is read from the environment, hashed at once, and never stored, printed or
 * quoted in a message; an htpasswd entry with another hash format is refused by name only.
 */
final class GatewayResolver {
  private static final Pattern SHA_ENTRY = Pattern.compile("\\{SHA\\}[A-Za-z0-9+/]{27}=");

  private final Diagnostics diagnostics;
  private final Credentials credentials;

  private final java.util.function.Predicate<String> compiled;

  GatewayResolver(Diagnostics diagnostics, Credentials credentials, java.util.function.Predicate<String> compiled) {
    this.diagnostics = diagnostics;
    this.credentials = credentials;
    this.compiled = compiled;
  }

  /** The gateway of each gateway node; {@code servicesByNode} says which nodes serve anything. */
  Map<String, GatewayPlan> resolve(MeshSettings settings, Map<String, Boolean> servesByNode) {
    Map<String, GatewayPlan> out = new LinkedHashMap<>();
    for (MeshSettings.Gateway gateway : settings.gateways()) {
      if (!servesByNode.containsKey(gateway.node())) {
        diagnostics.error(gateway.location(), "gateway node \"" + gateway.node() + "\" is not a node of the mesh"
            + Suggestions.didYouMean(gateway.node(), servesByNode.keySet()) + "; nodes: " + String.join(", ", servesByNode.keySet()));
        continue;
      }
      if (out.containsKey(gateway.node())) {
        diagnostics.error(gateway.location(), "node \"" + gateway.node() + "\" has two gateways; a node has at most one");
        continue;
      }
      MeshSettings.Ports ports = settings.ports();
      int port = gateway.port() == 0 ? ports.ingress() : gateway.port();
      boolean replacesIngress = port == ports.ingress();
      if (replacesIngress && servesByNode.get(gateway.node())) {
        diagnostics.error(gateway.location(), "gateway port " + port + " is the ingress port of node \""
            + gateway.node() + "\", which serves services; choose another port");
      }
      if (port == ports.egress() || port == ports.prometheus() || port == ports.admin()) {
        diagnostics.error(gateway.location(), "gateway port " + port + " is already a sidecar port (egress, prometheus or admin)");
      }
      java.util.Optional<dev.bent.ir.TlsPlan.NodeIdentity> tls =
          gateway.tls().filter(files -> compiled.test(gateway.node()))
              .flatMap(files -> new TlsResolver(diagnostics, credentials, compiled).serverCertificate(files));
      if (gateway.tls().isEmpty()) {
        diagnostics.warning(gateway.location(), "the gateway on node \"" + gateway.node() + "\" checks basic-auth"
            + " passwords over plain HTTP, where anyone on the path reads them; give it a certificate"
            + " (tls: {certificate: FILE, key: FILE})");
      }
      out.put(gateway.node(), new GatewayPlan(port, users(gateway), replacesIngress, tls));
    }
    return out;
  }

  private List<String> users(MeshSettings.Gateway gateway) {
    Map<String, String> lines = new LinkedHashMap<>();
    gateway.htpasswd().ifPresent(path -> htpasswd(path, gateway.location(), lines));
    for (MeshSettings.User user : gateway.users()) {
      if (lines.containsKey(user.name())) {
        diagnostics.error(user.location(), "gateway user \"" + user.name() + "\" is defined twice");
        continue;
      }
      credentials.env(user.passwordEnv()).ifPresentOrElse(
          password -> lines.put(user.name(), user.name() + ":{SHA}" + sha1(password)),
          () -> diagnostics.error(user.location(), "environment variable " + user.passwordEnv()
              + " (the password of gateway user \"" + user.name() + "\") is not set"));
    }
    if (lines.isEmpty() && !gateway.users().isEmpty()) {
      return List.of();
    }
    return new ArrayList<>(lines.values());
  }

  private void htpasswd(String path, Location at, Map<String, String> lines) {
    String text;
    try {
      text = credentials.readFile(path);
    } catch (IOException e) {
      diagnostics.error(at, "cannot read htpasswd file " + credentials.resolve(path) + ": "
          + (e instanceof java.nio.file.NoSuchFileException ? "not found" : e.getClass().getSimpleName()));
      return;
    }
    String[] rows = text.split("\r?\n", -1);
    for (int i = 0; i < rows.length; i++) {
      String row = rows[i].trim();
      if (row.isEmpty() || row.startsWith("#")) {
        continue;
      }
      Location line = Location.of(path, i + 1, 1);
      int colon = row.indexOf(':');
      if (colon <= 0) {
        diagnostics.error(line, "not an htpasswd entry (expected name:{SHA}hash)");
        continue;
      }
      String name = row.substring(0, colon);
      if (!SHA_ENTRY.matcher(row.substring(colon + 1)).matches()) {
        diagnostics.error(line, "user \"" + name + "\" does not have a {SHA} hash; Envoy's basic_auth accepts only"
            + " {SHA} entries (make one with: htpasswd -s)");
      } else if (lines.putIfAbsent(name, row) != null) {
        diagnostics.error(line, "gateway user \"" + name + "\" is defined twice");
      }
    }
  }

  static String sha1(String password) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-1").digest(password.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

}
