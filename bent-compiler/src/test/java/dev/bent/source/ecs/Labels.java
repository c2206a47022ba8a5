package dev.bent.source.ecs;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds ordered label and container maps for test task definitions. */
public final class Labels {
  private Labels() {}

  /** Alternating keys and values, in order. */
  public static Map<String, String> of(String... keysAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  /** Container names and their labels, in definition order. */
  public static Map<String, Map<String, String>> containers(Object... namesAndLabels) {
    Map<String, Map<String, String>> map = new LinkedHashMap<>();
    for (int i = 0; i < namesAndLabels.length; i += 2) {
      @SuppressWarnings("unchecked")
      Map<String, String> labels = (Map<String, String>) namesAndLabels[i + 1];
      map.put((String) namesAndLabels[i], labels);
    }
    return map;
  }

  /** The seed README's task definition: a sidecar and the echo container serving echo.alpha. */
  public static Map<String, Map<String, String>> seedEcho() {
    return containers(
        "sidecar", of(),
        "echo", of(
            "envoy.service.echo.alpha", "echo:3000",
            "envoy.service.echo.alpha.annotations.enable-retry", "",
            "envoy.service.echo.alpha.annotations.num-retries", "3",
            "envoy.service.echo.alpha.annotations.healthcheck.path", "/gimme-healthz"));
  }
}
