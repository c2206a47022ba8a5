package dev.bent.ir;

import java.util.List;

/** A virtual host: requests whose Host is one of {@code domains} go to {@code cluster}. */
public record VirtualHostPlan(String name, List<String> domains, String cluster) {
  public VirtualHostPlan {
    domains = List.copyOf(domains);
  }
}
