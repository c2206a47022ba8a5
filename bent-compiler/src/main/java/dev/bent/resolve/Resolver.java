package dev.bent.resolve;

import dev.bent.diag.Diagnostics;
import dev.bent.diag.Location;
import dev.bent.ir.Addresses;
import dev.bent.ir.ClusterPlan;
import dev.bent.ir.EndpointPlan;
import dev.bent.ir.GatewayPlan;
import dev.bent.ir.HealthCachePlan;
import dev.bent.ir.PolicyValue;
import dev.bent.ir.RoutePlan;
import dev.bent.model.RouteEntry;
import dev.bent.ir.MeshPlan;
import dev.bent.ir.NodePlan;
import dev.bent.ir.VirtualHostPlan;
import dev.bent.model.EndpointEntry;
import dev.bent.model.Mesh;
import dev.bent.model.MeshSettings;
import dev.bent.model.NodeEntry;
import dev.bent.model.ServiceEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The resolve step: turns the {@link Mesh} a user wrote into a {@link MeshPlan}, applying defaults,
 * merging each service's annotations from every place they were written, and checking names,
 * references and values. Every problem is reported into the given {@link Diagnostics}.
 *
 * <p>Reasoning, egress endpoints: a service listed under {@code services:} with endpoints is
 * reached at exactly those (sidecar) endpoints. Otherwise its sidecars are derived from the nodes
 * that serve it: each application address at the mesh ingress port, since on ECS/Fargate (awsvpc)
 * an application and its sidecar share the task's address.
 */
public final class Resolver {
  /** Weight of an endpoint without one, when another endpoint of its cluster has one. */
  static final long DEFAULT_WEIGHT = 64;
  private static final long MAX_LOCALITY_WEIGHT = ValueKind.MAX_UINT32;

  private final Diagnostics diagnostics;
  private final AnnotationReader annotations;

  private final GatewayResolver gateways;
  private final TlsResolver tls;

  private Resolver(Diagnostics diagnostics, Credentials credentials, Predicate<String> compiled) {
    this.tls = new TlsResolver(diagnostics, credentials, compiled);
    this.diagnostics = diagnostics;
    this.annotations = new AnnotationReader(diagnostics);
    this.gateways = new GatewayResolver(diagnostics, credentials, compiled);
  }

  /** Resolves {@code mesh} for compiling every node; the plan is only meaningful when no error was reported. */
  public static MeshPlan resolve(Mesh mesh, Diagnostics diagnostics, Credentials credentials) {
    return resolve(mesh, diagnostics, credentials, node -> true);
  }

  /**
   * Resolves {@code mesh} for compiling the nodes {@code compiled} accepts: the certificate and key
   * files of the other nodes are neither read nor checked (on ECS each task holds only its own),
   * and when it accepts no node of the mesh no TLS file is read at all.
   */
  public static MeshPlan resolve(Mesh mesh, Diagnostics diagnostics, Credentials credentials,
      Predicate<String> compiled) {
    return new Resolver(diagnostics, credentials, compiled).plan(mesh);
  }

  /** What the whole mesh says about one service. */
  private static final class ServiceFacts {
    final ServicePolicy policy = new ServicePolicy();
    final List<Weighted> sidecars = new ArrayList<>();
    final Map<String, List<Weighted>> appEndpointsByNode = new LinkedHashMap<>();
    Optional<List<RouteEntry>> routes = Optional.empty();
    Location declared;

    boolean hasEndpoints() {
      return !sidecars.isEmpty() || !appEndpointsByNode.isEmpty();
    }

    /** A virtual service: it has routes and no endpoints of its own, so no cluster. */
    boolean virtual() {
      return routes.isPresent() && !hasEndpoints();
    }
  }

  /** An endpoint with the weight its annotations gave it. */
  private record Weighted(EndpointEntry endpoint, OptionalLong weight) {}

  private MeshPlan plan(Mesh mesh) {
    checkPorts(mesh.settings());
    Map<String, ServiceFacts> services = new TreeMap<>();
    for (ServiceEntry entry : unique(mesh.services(), "in services", Location.of(mesh.origin()))) {
      ServiceFacts facts = services.computeIfAbsent(entry.name(), n -> new ServiceFacts());
      facts.declared = entry.location();
      facts.routes = entry.routes();
      facts.sidecars.addAll(read(entry, facts));
    }
    List<NodeEntry> nodes = new ArrayList<>();
    for (NodeEntry node : mesh.nodes()) {
      String problem = Names.nodeNameProblem(node.name());
      if (problem != null) {
        diagnostics.error(node.location(), problem);
        continue;
      }
      nodes.add(node);
      for (ServiceEntry entry : unique(node.services(), "on node \"" + node.name() + "\"", node.location())) {
        ServiceFacts facts = services.computeIfAbsent(entry.name(), n -> new ServiceFacts());
        if (facts.declared == null) {
          facts.declared = entry.location();
        }
        facts.appEndpointsByNode.put(node.name(), read(entry, facts));
      }
    }
    splitsFromAnnotations(services);
    int ingressPort = mesh.settings().ports().ingress();
    List<ClusterPlan> egressClusters = new ArrayList<>();
    List<VirtualHostPlan> egressHosts = new ArrayList<>();
    Map<String, List<PolicyValue>> policies = new TreeMap<>();
    Map<String, RoutePlanner.ServiceFacts> known = new TreeMap<>();
    services.forEach((name, facts) -> known.put(name, new RoutePlanner.ServiceFacts(facts.hasEndpoints(), facts.routes.isPresent())));
    RoutePlanner planner = new RoutePlanner(diagnostics, annotations, known);
    Map<String, java.util.Set<String>> shadowDomains = new TreeMap<>();
    services.forEach(
        (name, facts) -> {
          List<RoutePlan> routes = facts.routes.map(r -> planner.plan(name, r, facts.policy)).orElse(List.of());
          routes.forEach(r -> r.mirror().ifPresent(m -> shadowDomains
              .computeIfAbsent(m.service(), k -> new java.util.TreeSet<>()).addAll(RoutePlanner.shadowHosts(name, r))));
          if (facts.virtual()) {
            planner.virtualServiceAnnotations(name, facts.policy);
          } else {
            egressClusters.add(egressCluster(name, facts, ingressPort));
          }
          egressHosts.add(new VirtualHostPlan(name, List.of(name), name, facts.policy.route(), Optional.empty(), routes));
          policies.put(name, facts.policy.summary());
          if (facts.policy.faultValuesWithoutInject()) {
            diagnostics.warning(facts.declared, "service \"" + name
                + "\" sets fault.* values but not fault.inject, so no fault is injected");
          }
        });
    Map<String, Boolean> serves = new LinkedHashMap<>();
    nodes.forEach(n -> serves.put(n.name(), !n.services().isEmpty()));
    Map<String, GatewayPlan> gatewayByNode = gateways.resolve(mesh.settings(), serves);
    List<NodePlan> nodePlans = new ArrayList<>();
    for (NodeEntry node : nodes) {
      nodePlans.add(nodePlan(node, services, shadowDomains, Optional.ofNullable(gatewayByNode.get(node.name()))));
    }
    return new MeshPlan(mesh.settings(), egressClusters, egressHosts, nodePlans, policies, tls.resolve(mesh));
  }

  private List<ServiceEntry> unique(List<ServiceEntry> entries, String where, Location fallback) {
    Map<String, ServiceEntry> seen = new LinkedHashMap<>();
    for (ServiceEntry entry : entries) {
      String problem = Names.serviceNameProblem(entry.name());
      if (problem != null) {
        diagnostics.error(entry.location(), problem);
        continue;
      }
      ServiceEntry earlier = seen.putIfAbsent(entry.name(), entry);
      if (earlier != null) {
        diagnostics.error(
            entry.location(),
            "service \"" + entry.name() + "\" is listed twice " + where
                + " (first at " + earlier.location() + ")");
      }
    }
    return List.copyOf(seen.values());
  }

  /**
   * Reads one service entry: its annotations and its endpoints' go into the service's policy, and
   * its endpoints are returned with their weights (an entry-level weight is their default).
   */
  private List<Weighted> read(ServiceEntry entry, ServiceFacts facts) {
    OptionalLong entryWeight = annotations.read(entry.name(), entry.annotations(), facts.policy);
    List<Weighted> out = new ArrayList<>();
    Map<String, Location> seen = new LinkedHashMap<>();
    for (EndpointEntry endpoint : entry.endpoints()) {
      addressProblem(endpoint.address()).ifPresent(p -> diagnostics.error(endpoint.location(), p));
      String hostPort = endpoint.address() + ":" + endpoint.port();
      Location earlier = seen.putIfAbsent(hostPort, endpoint.location());
      if (earlier != null) {
        diagnostics.error(
            endpoint.location(),
            "endpoint " + hostPort + " of service \"" + entry.name() + "\" is listed twice (first at "
                + earlier + ")");
      }
      OptionalLong weight = annotations.read(entry.name(), endpoint.annotations(), facts.policy);
      out.add(new Weighted(endpoint, weight.isPresent() ? weight : entryWeight));
    }
    return out;
  }

  private void checkPorts(MeshSettings settings) {
    MeshSettings.Ports ports = settings.ports();
    Map<Integer, String> used = new LinkedHashMap<>();
    Map<String, Integer> named = new LinkedHashMap<>();
    named.put("egress", ports.egress());
    named.put("ingress", ports.ingress());
    named.put("prometheus", ports.prometheus());
    named.put("admin", ports.admin());
    named.forEach(
        (name, port) -> {
          String other = used.putIfAbsent(port, name);
          if (other != null) {
            diagnostics.error(
                settings.location(),
                "mesh.ports." + name + " and mesh.ports." + other + " are both " + port
                    + "; every sidecar port must differ");
          }
        });
  }

  private ClusterPlan egressCluster(String name, ServiceFacts facts, int ingressPort) {
    List<EndpointPlan> endpoints = new ArrayList<>();
    if (!facts.sidecars.isEmpty()) {
      for (Weighted w : facts.sidecars) {
        endpoints.add(new EndpointPlan(w.endpoint().address(), w.endpoint().port(), w.weight(), OptionalInt.empty()));
      }
    } else {
      Map<String, Location> seen = new LinkedHashMap<>();
      facts.appEndpointsByNode.forEach(
          (node, list) -> {
            for (Weighted w : list) {
              Location earlier = seen.putIfAbsent(w.endpoint().address(), w.endpoint().location());
              if (earlier == null) {
                endpoints.add(new EndpointPlan(w.endpoint().address(), ingressPort, w.weight(), OptionalInt.empty()));
              }
            }
          });
    }
    if (endpoints.isEmpty()) {
      diagnostics.warning(
          facts.declared,
          "service \"" + name + "\" has no endpoints: no node serves it and it lists none;"
              + " requests to it will fail with 503");
    }
    return cluster(name, endpoints, facts, facts.declared);
  }

  /**
   * Gives each virtual service named by {@code split-of} annotations its split route (see {@link
   * SplitShares}), unless routes were written for it, which is an error.
   */
  private void splitsFromAnnotations(Map<String, ServiceFacts> services) {
    Map<String, ServicePolicy> policies = new TreeMap<>();
    services.forEach((name, facts) -> policies.put(name, facts.policy));
    SplitShares.collect(policies, diagnostics).forEach((virtual, route) -> {
      ServiceFacts facts = services.computeIfAbsent(virtual, n -> new ServiceFacts());
      if (facts.declared == null) {
        facts.declared = route.location();
      }
      if (facts.routes.isPresent()) {
        diagnostics.error(route.location(), "split-of makes \"" + virtual + "\" split by weight, but it has routes at "
            + facts.declared + "; put the split in its routes or use split-of, not both");
        return;
      }
      if (facts.hasEndpoints()) {
        diagnostics.warning(route.location(), "service \"" + virtual + "\" has endpoints of its own, but split-of"
            + " sends all its requests to " + String.join(", ", route.targets().stream().map(RouteEntry.Target::service)
            .toList()) + "; its own endpoints receive none");
      }
      facts.routes = Optional.of(List.of(route));
    });
  }

  private NodePlan nodePlan(NodeEntry node, Map<String, ServiceFacts> services,
      Map<String, java.util.Set<String>> shadowDomains, Optional<GatewayPlan> gateway) {
    Map<String, String> domainOwners = new TreeMap<>();
    List<ClusterPlan> clusters = new ArrayList<>();
    List<VirtualHostPlan> hosts = new ArrayList<>();
    List<HealthCachePlan> caches = new ArrayList<>();
    services.forEach(
        (name, facts) -> {
          List<Weighted> app = facts.appEndpointsByNode.get(node.name());
          if (app == null) {
            return;
          }
          OptionalInt hcPort =
              facts.policy.healthCheckPort().map(OptionalInt::of).orElse(OptionalInt.empty());
          List<EndpointPlan> endpoints = new ArrayList<>();
          for (Weighted w : app) {
            endpoints.add(new EndpointPlan(w.endpoint().address(), w.endpoint().port(), w.weight(), hcPort));
          }
          String cluster = "local_" + name;
          clusters.add(cluster(cluster, endpoints, facts, node.location()));
          List<String> domains = new ArrayList<>(List.of(name));
          domains.addAll(shadowDomains.getOrDefault(name, java.util.Set.of()));
          for (String domain : domains) {
            String other = domainOwners.putIfAbsent(domain, name);
            if (other != null && !other.equals(name)) {
              diagnostics.error(node.location(), "node \"" + node.name() + "\" serves both \"" + other + "\" and \""
                  + name + "\", and both receive mirrored requests with Host \"" + domain
                  + "\"; its ingress cannot tell them apart, so mirror to services on different nodes");
            }
          }
          hosts.add(new VirtualHostPlan(name, domains, cluster, Optional.empty(), facts.policy.fault()));
          facts.policy.healthCache(name).ifPresent(caches::add);
        });
    return new NodePlan(node.name(), clusters, hosts, caches, gateway);
  }

  /** Fills in default weights when some endpoint has one, and checks the locality sum. */
  private ClusterPlan cluster(String name, List<EndpointPlan> endpoints, ServiceFacts facts, Location at) {
    List<EndpointPlan> weighted = endpoints;
    if (endpoints.stream().anyMatch(e -> e.weight().isPresent())) {
      weighted = new ArrayList<>();
      long sum = 0;
      for (EndpointPlan e : endpoints) {
        long w = e.weight().orElse(DEFAULT_WEIGHT);
        sum += w;
        weighted.add(new EndpointPlan(e.address(), e.port(), OptionalLong.of(w), e.healthCheckPort()));
      }
      if (sum > MAX_LOCALITY_WEIGHT) {
        diagnostics.error(
            at,
            "the endpoint weights of cluster \"" + name + "\" add up to " + sum
                + ", more than Envoy allows (" + MAX_LOCALITY_WEIGHT + ")");
      }
    }
    return new ClusterPlan(
        name, weighted, facts.policy.healthCheck(), facts.policy.circuitBreaker(), facts.policy.outlier());
  }

  private Optional<String> addressProblem(String address) {
    if (Addresses.isIpLiteral(address) || Addresses.isHostName(address)) {
      return Optional.empty();
    }
    return Optional.of(
        "address \"" + address + "\" is neither an IP address nor a DNS host name");
  }
}
