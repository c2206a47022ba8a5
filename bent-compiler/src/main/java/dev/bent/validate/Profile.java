package dev.bent.validate;

/**
 * Whose rules a validation applies. {@link #ENVOY} judges a configuration as Envoy does: errors are
 * what Envoy refuses at load, warnings what it loads but is almost surely a mistake. {@link #BENT}
 * adds bent's own layout policy ({@link LayoutPolicy}: admin on loopback, node id and cluster set,
 * a subscription budget, the Prometheus route shape, static tracer collectors), whose findings are
 * then errors; it is what {@code bent compile} checks its own output with.
 */
public enum Profile {
  ENVOY,
  BENT;

  /** The profile named on a command line: {@code envoy} or {@code bent}, in any letter case. */
  public static Profile of(String name) {
    return valueOf(name.toUpperCase(java.util.Locale.ROOT));
  }
}
