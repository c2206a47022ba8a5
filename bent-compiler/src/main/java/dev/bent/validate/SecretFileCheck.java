package dev.bent.validate;

import com.google.protobuf.Message;
import dev.bent.diag.Diagnostic;
import dev.bent.diag.Location;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.SdsSecretConfig;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.Secret;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

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
  static final Set<String> TYPES = Set.of(SdsSecretConfig.getDescriptor().getFullName());

  /** The node being checked; null when checking one file alone. */
  private final NodeConfig config;
  private final CheckMemo memo;
  private final SubscriptionCheck subscriptions;
  private final List<Diagnostic> problems;
  /** The SDS subscriptions made so far, by file and secret name: Envoy makes one per pair. */
  private final Set<String> subscribed = new HashSet<>();

  SecretFileCheck(NodeConfig config, CheckMemo memo, SubscriptionCheck subscriptions, List<Diagnostic> problems) {
    this.config = config;
    this.memo = memo;
    this.subscriptions = subscriptions;
    this.problems = problems;
  }

  /** Checks the secrets that the TLS contexts inside {@code message}, at {@code field} of {@code file}, name. */
  void inside(String file, String field, Message message) {
    for (TypedConfigFinder.Found found : memo.secretRefs(message)) {
      SdsSecretConfig secret = (SdsSecretConfig) found.config();
      String at = Findings.field(field, found.path());
      if (!secret.hasSdsConfig()) {
        if (config != null) {
          Set<String> names = new TreeSet<>();
          config.bootstrap().getStaticResources().getSecretsList().forEach(s -> names.add(s.getName()));
          staticSecret(file, at, secret.getName(), names);
        }
        continue;
      }
      String key = SubscriptionCheck.path(secret.getSdsConfig()) + "\n" + secret.getName();
      if (!secret.getSdsConfig().hasPathConfigSource() || subscribed.add(key)) {
        List<Message> resources = subscriptions.resources(file, at + ".sds_config", secret.getSdsConfig());
        if (resources != null) {
          sdsFile(SubscriptionCheck.path(secret.getSdsConfig()), file, at, secret.getName(), resources);
        }
      }
    }
  }

  /** A secret named with no sds_config: it must be static. */
  private void staticSecret(String file, String field, String name, Set<String> staticSecrets) {
    if (!staticSecrets.contains(name)) {
      error(file, field + ".name: no static secret named \"" + name + "\" in the bootstrap; static secrets: "
          + staticSecrets + " (Envoy: \"Unknown static secret: " + name + "\")");
    }
  }

  /** The resources of the SDS file {@code sdsFile}, which {@code file field} asks for {@code name} in. */
  private void sdsFile(String sdsFile, String file, String field, String name, List<Message> resources) {
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
