package dev.bent.tls;

/**
 * The identity model of mesh TLS: SPIFFE-style URI SANs. A node's certificate names every service
 * the node serves ({@code spiffe://<trust domain>/service/<name>}) and the node itself ({@code
 * spiffe://<trust domain>/node/<name>}); a caller requires the target service's URI.
 */
public final class Identities {
  private Identities() {}

  public static String service(String trustDomain, String service) {
    return "spiffe://" + trustDomain + "/service/" + service;
  }

  public static String node(String trustDomain, String node) {
    return "spiffe://" + trustDomain + "/node/" + node;
  }
}
