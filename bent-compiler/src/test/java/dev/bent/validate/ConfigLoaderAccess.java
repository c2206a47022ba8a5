package dev.bent.validate;

import com.google.protobuf.Message;
import dev.bent.diag.Diagnostic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Lets tests in other packages read one filesystem-xDS file with bent's strict reader. */
public final class ConfigLoaderAccess {
  private ConfigLoaderAccess() {}

  /** The resources of {@code file}, as a configuration holding that file alone. */
  public static NodeConfig resources(Path file) {
    List<Diagnostic> problems = new ArrayList<>();
    List<Message> resources = EnvoyFileReader.resources(file, file.toString(), problems)
        .orElseThrow(() -> new AssertionError("cannot read " + file + ": " + problems));
    return new NodeConfig(file.toString(), io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap.getDefaultInstance(),
        Map.of(file.toString(), resources));
  }
}
