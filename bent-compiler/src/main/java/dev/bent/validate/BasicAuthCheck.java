package dev.bent.validate;

import com.google.protobuf.Message;
import dev.bent.diag.Diagnostic;
import dev.bent.diag.Location;
import io.envoyproxy.envoy.config.core.v3.DataSource;
import io.envoyproxy.envoy.extensions.filters.http.basic_auth.v3.BasicAuth;
import io.envoyproxy.envoy.extensions.filters.http.basic_auth.v3.BasicAuthPerRoute;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks the htpasswd {@code users} of Envoy's basic_auth filter (and of its per-route override)
 * the way the filter reads them when it is built ({@code
 * source/extensions/filters/http/basic_auth/config.cc}, readHtpasswd): lines split on newline
 * only, empty lines and {@code #} comments skipped, every other line {@code name:{SHA}<28
 * characters>}, names unique. Any other hash ({@code $apr1$}, bcrypt, plain text) makes Envoy
 * reject the listener. A hash that is not base64 of a 20-byte SHA-1 digest loads but no password
 * can ever match it, a warning. Users read from a file or an environment variable are not checked.
 */
final class BasicAuthCheck {
  static final Set<String> TYPES =
      Set.of(BasicAuth.getDescriptor().getFullName(), BasicAuthPerRoute.getDescriptor().getFullName());

  private static final String SHA = "{SHA}";
  private static final int SHA1_BASE64_LENGTH = 28;
  private static final int SHA1_BYTES = 20;
  private static final String UNMATCHABLE = "Envoy loads it, but no password can match it";

  private final List<Diagnostic> problems;

  BasicAuthCheck(List<Diagnostic> problems) {
    this.problems = problems;
  }

  /** Checks one found BasicAuth or BasicAuthPerRoute config; other types are ignored. */
  void check(String file, TypedConfigFinder.Found found) {
    Message config = found.config();
    DataSource users;
    if (config instanceof BasicAuth auth) {
      users = auth.getUsers();
    } else if (config instanceof BasicAuthPerRoute perRoute) {
      users = perRoute.getUsers();
    } else {
      return;
    }
    String at = Findings.field(found.path(), "users");
    if (users.hasInlineString()) {
      lines(file, Findings.field(at, "inline_string"), users.getInlineString());
    } else if (users.hasInlineBytes()) {
      lines(file, Findings.field(at, "inline_bytes"), users.getInlineBytes().toString(StandardCharsets.UTF_8));
    }
  }

  private void lines(String file, String field, String htpasswd) {
    Set<String> names = new HashSet<>();
    String[] lines = htpasswd.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String problem = lineProblem(line, names);
      if (problem == null) {
        continue;
      }
      String text = field + ": line " + (i + 1) + ": " + problem;
      if (problem.endsWith(UNMATCHABLE)) {
        problems.add(Diagnostic.warning(Location.of(file), text));
      } else {
        error(file, text);
      }
    }
  }

  /** What Envoy (or a login) would find wrong with one htpasswd line, or null. */
  private static String lineProblem(String line, Set<String> names) {
    int colon = line.indexOf(':');
    if (colon < 0) {
      return "expected name:{SHA}hash (Envoy: \"username:password is expected\")";
    }
    String name = line.substring(0, colon);
    String hash = line.substring(colon + 1);
    if (name.isEmpty() || hash.isEmpty()) {
      return "empty user name or password hash";
    }
    if (!names.add(name)) {
      return "user '" + name + "' is listed twice";
    }
    if (!hash.startsWith(SHA)) {
      return "user '" + name + "' has an unsupported hash; Envoy accepts only {SHA} (base64 of SHA-1),"
          + " not bcrypt, $apr1$ or plain text";
    }
    String digest = hash.substring(SHA.length());
    if (digest.length() != SHA1_BASE64_LENGTH) {
      return "user '" + name + "' has a {SHA} hash of " + digest.length() + " characters; it must be "
          + SHA1_BASE64_LENGTH + (digest.endsWith("\r") ? " (the line ends with a carriage return)" : "");
    }
    if (!isSha1Base64(digest)) {
      return "user '" + name + "' has a {SHA} hash that is not base64 of a SHA-1 digest; " + UNMATCHABLE;
    }
    return null;
  }

  private static boolean isSha1Base64(String digest) {
    try {
      return Base64.getDecoder().decode(digest).length == SHA1_BYTES;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private void error(String file, String message) {
    problems.add(Diagnostic.error(Location.of(file), message));
  }
}
