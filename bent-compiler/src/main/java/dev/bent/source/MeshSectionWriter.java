package dev.bent.source;

import static dev.bent.source.MeshFileWriter.quote;

import dev.bent.model.Annotation;
import dev.bent.model.MeshSettings;
import dev.bent.model.RouteEntry;
import dev.bent.model.TlsSettings;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Writes the parts of a mesh file that an overlay brings to a scan: the {@code mesh:} section (with
 * {@code tls} and each gateway's {@code tls}) and a service's {@code routes:}, in the form {@link
 * MeshFileReader} reads back.
 */
final class MeshSectionWriter {
  private final StringBuilder out;
  private final UnaryOperator<String> paths;

  /** {@code paths} turns a file path of the settings into the path written. */
  MeshSectionWriter(StringBuilder out, UnaryOperator<String> paths) {
    this.out = out;
    this.paths = paths;
  }

  /** Writes {@code mesh:} unless every setting is the default. */
  void settings(MeshSettings settings) {
    MeshSettings defaults = MeshSettings.defaults(settings.location());
    boolean ports = !settings.ports().equals(defaults.ports());
    boolean log = !settings.accessLog().equals(defaults.accessLog());
    boolean local = settings.localClusters() != defaults.localClusters();
    if (!ports && !log && settings.tracing().isEmpty() && settings.gateways().isEmpty()
        && settings.tls().isEmpty() && !local) {
      return;
    }
    out.append("mesh:\n");
    if (ports) {
      MeshSettings.Ports p = settings.ports();
      out.append("  ports: {egress: ").append(p.egress()).append(", ingress: ").append(p.ingress())
          .append(", prometheus: ").append(p.prometheus()).append(", admin: ").append(p.admin()).append("}\n");
    }
    if (log) {
      out.append("  accessLog: {enabled: ").append(settings.accessLog().enabled()).append(", path: ")
          .append(quote(settings.accessLog().path())).append("}\n");
    }
    settings.tracing().ifPresent(t -> {
      out.append("  tracing:\n    ").append(t.provider().name().toLowerCase(Locale.ROOT)).append(": {address: ")
          .append(quote(t.address())).append(", port: ").append(t.port());
      if (t.provider() == MeshSettings.Tracing.Provider.ZIPKIN) {
        out.append(", path: ").append(quote(t.path()));
      }
      out.append("}\n    sampling: ").append(number(t.samplingPercent())).append('\n');
    });
    if (!settings.gateways().isEmpty()) {
      out.append("  gateways:\n");
      for (MeshSettings.Gateway g : settings.gateways()) {
        out.append("  - node: ").append(quote(g.node())).append('\n');
        if (g.port() > 0) {
          out.append("    port: ").append(g.port()).append('\n');
        }
        out.append("    basicAuth:\n");
        g.htpasswd().ifPresent(h -> out.append("      htpasswd: ").append(path(h)).append('\n'));
        if (!g.users().isEmpty()) {
          out.append("      users:\n");
          g.users().forEach(u -> out.append("      - {name: ").append(quote(u.name())).append(", passwordEnv: ")
              .append(quote(u.passwordEnv())).append("}\n"));
        }
        g.tls().ifPresent(files -> out.append("    tls: ").append(files(files)).append('\n'));
      }
    }
    settings.tls().ifPresent(this::tls);
    if (local) {
      out.append("  localClusters: ").append(settings.localClusters().name().toLowerCase(Locale.ROOT)).append('\n');
    }
  }

  private void tls(TlsSettings tls) {
    out.append("  tls:\n    mode: ").append(tls.mode().name().toLowerCase(Locale.ROOT)).append('\n')
        .append("    trustDomain: ").append(quote(tls.trustDomain())).append('\n')
        .append("    trustBundle: ").append(path(tls.trustBundle().path())).append('\n');
    tls.certificates().ifPresent(dir -> out.append("    certificates: ").append(path(dir.path())).append('\n'));
    tls.everyNode().ifPresent(files -> out.append("    certificate: ").append(path(files.certificate().path()))
        .append("\n    key: ").append(path(files.key().path())).append('\n'));
    if (!tls.nodes().isEmpty()) {
      out.append("    nodes:\n");
      new TreeMap<>(tls.nodes()).forEach((node, files) -> out.append("      ").append(quote(node)).append(": ")
          .append(files(files)).append('\n'));
    }
    tls.keyOwner().ifPresent(uid -> out.append("    keyOwner: ").append(uid).append('\n'));
    tls.keyGroup().ifPresent(gid -> out.append("    keyGroup: ").append(gid).append('\n'));
    out.append("    expiryWarningDays: ").append(tls.expiryWarningDays()).append('\n');
    if (!tls.allowedCallers().isEmpty()) {
      out.append("    allowedCallers:\n");
      new TreeMap<>(tls.allowedCallers()).forEach((service, callers) -> out.append("      ").append(quote(service))
          .append(": [").append(String.join(", ", callers.stream().map(c -> quote(c.name())).toList())).append("]\n"));
    }
  }

  private String files(TlsSettings.NodeCertificate files) {
    return "{certificate: " + path(files.certificate().path()) + ", key: " + path(files.key().path()) + "}";
  }

  private String path(String path) {
    return quote(paths.apply(path));
  }

  /** Writes {@code routes:} at {@code indent} (the indent of the service's keys). */
  void routes(List<RouteEntry> routes, String indent) {
    out.append(indent).append("routes:\n");
    for (RouteEntry route : routes) {
      out.append(indent).append("- match:\n");
      match(route.match(), indent + "    ");
      String in = indent + "  ";
      if (route.split()) {
        out.append(in).append("split:\n");
        route.targets().forEach(t -> out.append(in).append("- {service: ").append(quote(t.service()))
            .append(", weight: ").append(t.weight()).append("}\n"));
      } else {
        out.append(in).append("to: ").append(quote(route.targets().get(0).service())).append('\n');
      }
      route.mirror().ifPresent(m -> out.append(in).append("mirror: {service: ").append(quote(m.service()))
          .append(", percent: ").append(number(m.percent())).append("}\n"));
      route.prefixRewrite().ifPresent(p -> out.append(in).append("rewrite: {prefix: ").append(quote(p)).append("}\n"));
      for (Annotation a : route.policy()) {
        out.append(in).append(quote(a.key())).append(": ").append(quote(a.value())).append('\n');
      }
    }
  }

  private void match(RouteEntry.Match match, String indent) {
    out.append(indent).append(match.pathKind().name().toLowerCase(Locale.ROOT)).append(": ")
        .append(quote(match.path())).append('\n');
    values("headers", match.headers(), indent);
    values("query", match.query(), indent);
    if (!match.methods().isEmpty()) {
      out.append(indent).append("methods: [")
          .append(String.join(", ", match.methods().stream().map(MeshFileWriter::quote).toList())).append("]\n");
    }
  }

  private void values(String key, List<RouteEntry.ValueMatch> values, String indent) {
    if (values.isEmpty()) {
      return;
    }
    out.append(indent).append(key).append(":\n");
    for (RouteEntry.ValueMatch v : values) {
      String kind = v.kind().name().toLowerCase(Locale.ROOT);
      String value = v.kind() == RouteEntry.ValueKind.PRESENT || v.kind() == RouteEntry.ValueKind.ABSENT
          ? "true" : quote(v.value());
      out.append(indent).append("  ").append(quote(v.name())).append(": {").append(kind).append(": ")
          .append(value).append("}\n");
    }
  }

  private static String number(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
