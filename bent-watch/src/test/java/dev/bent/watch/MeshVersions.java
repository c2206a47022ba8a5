package dev.bent.watch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mesh files whose every compiled file names the mesh version it came from: node {@code nK}
 * serves {@code sK-mV.svc} (in CDS and both RDS files) and the access log is {@code mV.log} (in
 * LDS), so a set of files mixed from two versions shows at once.
 */
final class MeshVersions {
  private static final Pattern MARKER = Pattern.compile("m(\\d+)\\.(?:svc|log)");

  private MeshVersions() {}

  static String node(int index) {
    return String.format("n%02d", index);
  }

  static String mesh(int version, int nodes) {
    StringBuilder yaml = new StringBuilder("# mesh version ").append(version).append('\n');
    yaml.append("mesh:\n  accessLog: {path: /var/log/envoy/m").append(version).append(".log}\n");
    yaml.append("nodes:\n");
    for (int n = 0; n < nodes; n++) {
      yaml.append("  ").append(node(n)).append(":\n");
      yaml.append("  - name: s").append(n).append("-m").append(version).append(".svc\n");
      yaml.append("    endpoints: [{address: 10.0.").append(n / 250).append('.').append(n % 250 + 1);
      yaml.append(", port: 3000}]\n");
    }
    return yaml.toString();
  }

  /** The one version that {@code text} names; empty if it names none or several. */
  static OptionalInt version(String text) {
    TreeSet<Integer> versions = new TreeSet<>();
    Matcher m = MARKER.matcher(text);
    while (m.find()) {
      versions.add(Integer.parseInt(m.group(1)));
    }
    return versions.size() == 1 ? OptionalInt.of(versions.first()) : OptionalInt.empty();
  }

  /** Saves like an editor that writes a temporary file and renames it over the original. */
  static void writeByRename(Path file, String text) throws IOException {
    Path temp = file.resolveSibling("." + file.getFileName() + ".swp");
    Files.writeString(temp, text, StandardCharsets.UTF_8);
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Saves like an editor that truncates the original and writes into it. */
  static void writeInPlace(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
