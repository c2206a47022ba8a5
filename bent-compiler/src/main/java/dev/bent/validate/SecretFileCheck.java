package dev.bent.validate;

import com.google.protobuf.Message;
import dev.bent.diag.Diagnostic;
import dev.bent.diag.Location;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.Secret;
import java.util.List;
import java.util.Set;

/**
 * Checks the secrets a TLS context names ({@code SdsSecretConfig}): a secret with no {@code
 * sds_config} must be one of the bootstrap's static secrets, and the file of a filesystem SDS
 * subscription must hold exactly one Secret, named as asked.
 *
 * <p>Envoy's rules: {@code context_config_impl.cc} (in {@code
 * source/extensions/transport_sockets/tls/} in 1.30, later {@code source/common/tls/}),
 * getTlsCertificateConfigProviders: "Unknown static secret: NAME"; and {@code
 * source/common/secret/sds_api.cc}, SdsApi::onConfigUpdate and validateUpdateSize: "Missing SDS
 * resources for NAME in onConfigUpdate()", "Unexpected SDS secrets length: N", "Unexpected SDS
 * secret (expecting NAME): OTHER".
 */
final class SecretFileCheck {
  static final Set<String> TYPES = Set.of(
      io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.SdsSecretConfig.getDescriptor().getFullName());

  private final List<Diagnostic> problems;

  SecretFileCheck(List<Diagnostic> problems) {
    this.problems = problems;
  }

  /** A secret named with no sds_config: it must be static. */
  void staticSecret(String file, String field, String name, Set<String> staticSecrets) {
    if (!staticSecrets.contains(name)) {
      error(file, field + ".name: no static secret named \"" + name + "\" in the bootstrap; static secrets: "
          + staticSecrets + " (Envoy: \"Unknown static secret: " + name + "\")");
    }
  }

  /** The resources of the SDS file {@code sdsFile}, which {@code file field} asks for {@code name} in. */
  void sdsFile(String sdsFile, String file, String field, String name, List<Message> resources) {
    if (resources.isEmpty()) {
      error(sdsFile, "resources: no secret, but " + file + " " + field + " asks for \"" + name
          + "\" (Envoy: \"Missing SDS resources for " + name + " in onConfigUpdate()\")");
    } else if (resources.size() != 1) {
      error(sdsFile, "resources: an SDS file must hold exactly one secret, found " + resources.size()
          + " (Envoy: \"Unexpected SDS secrets length: " + resources.size() + "\")");
    } else if (!(resources.get(0) instanceof Secret secret)) {
      error(sdsFile, "resources[0]: an SDS file holds a Secret, not "
          + resources.get(0).getDescriptorForType().getFullName());
    } else if (!secret.getName().equals(name)) {
      error(sdsFile, "resources[0].name: must be \"" + name + "\", which " + file + " " + field + " asks for"
          + " (Envoy: \"Unexpected SDS secret (expecting " + name + "): " + secret.getName() + "\")");
    }
  }

  private void error(String file, String message) {
    problems.add(Diagnostic.error(Location.of(file), message));
  }
}
