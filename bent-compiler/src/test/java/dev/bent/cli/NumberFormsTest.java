package dev.bent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every number form that YAML 1.1 reads but bent's grammar does not, in every numeric field of a
 * mesh file, through every command that reads one: exit 2 with an error at the value's line and
 * column, never a stack trace.
 */
class NumberFormsTest {
  private static final List<String> FORMS = List.of(
      "0x10", "0b101", "0o17", "3_000", "010", "1:20", "99999999999999999999", "!!binary AAAA",
      "\"0x10\"", ".inf", "1e3", "+80");

  /** A mesh with every numeric field; the one under test holds {@code @@}, the others a good value. */
  private static final String MESH = String.join("\n",
      "mesh:",
      "  ports: {egress: EGRESS, ingress: INGRESS, prometheus: PROMETHEUS, admin: ADMIN}",
      "  tracing:",
      "    sampling: SAMPLING",
      "    zipkin: {address: jaeger, port: ZIPKIN}",
      "  gateways:",
      "  - node: gw",
      "    port: GATEWAY",
      "    basicAuth: {users: [{name: u, passwordEnv: HOME}]}",
      "nodes:",
      "  gw:",
      "  a:",
      "  - name: a.svc",
      "    annotations: {circuit-breaker.max-connections: CONNECTIONS}",
      "    endpoints:",
      "    - address: 10.0.0.1",
      "      port: ENDPOINT",
      "      annotations: {endpoint.weight: WEIGHT}",
      "");
  private static final List<String> FIELDS = List.of(
      "EGRESS=4000", "INGRESS=4100", "PROMETHEUS=15090", "ADMIN=9901", "SAMPLING=50", "ZIPKIN=9411",
      "GATEWAY=8443", "CONNECTIONS=100", "ENDPOINT=8080", "WEIGHT=10");

  private static final List<String> ANNOTATIONS = List.of("CONNECTIONS", "WEIGHT");

  @TempDir Path dir;

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (String field : FIELDS) {
      for (String form : FORMS) {
        out.add(Arguments.of(field.substring(0, field.indexOf('=')), form));
      }
    }
    return out.stream();
  }

  @org.junit.jupiter.api.Test
  void theMeshWithEveryFieldWrittenWellCompiles() throws Exception {
    Path mesh = write(mesh(null, null));
    CliRun run = CliRun.of("compile", "-c", mesh.toString(), "-o", dir.resolve("out").toString());
    assertEquals(0, run.exitCode(), run.toString());
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("cases")
  void aNumberBentDoesNotReadIsAnErrorAtItsPlaceInEveryCommand(String field, String form) throws Exception {
    String text = mesh(field, form);
    Path mesh = write(text);
    String place = mesh + ":" + lineAndColumn(mesh(field, "@@"), "@@") + ": error: ";
    if (ANNOTATIONS.contains(field) && !form.startsWith("!!")) {
      // An annotation's value is reported at its key, like every other annotation problem.
      place = mesh + ":" + lineAndColumn(mesh(field, "@@"), "@@").split(":")[0] + ":";
    }
    Path out = dir.resolve("out");
    Path golden = dir.resolve("golden");
    List<String[]> commands = List.of(
        new String[] {"compile", "-c", mesh.toString(), "-o", out.toString()},
        new String[] {"check", "-c", mesh.toString(), "--golden", golden.toString()},
        new String[] {"update", "-c", mesh.toString(), "--golden", golden.toString()},
        new String[] {"explain", "-c", mesh.toString(), "--node", "a"});
    for (String[] command : commands) {
      CliRun run = CliRun.of(command);
      assertEquals(2, run.exitCode(), command[0] + "\n" + run);
      assertTrue(run.err().contains(place), command[0] + ": expected " + place + "\n" + run);
      assertFalse(run.err().contains("\tat "), run.toString());
      assertFalse(run.err().contains("warning"), "no follow-on warnings\n" + run);
      assertFalse(Files.exists(out) || Files.exists(golden), "nothing written\n" + run);
    }
  }

  private Path write(String text) throws Exception {
    Path mesh = dir.resolve("mesh.yaml");
    Files.writeString(mesh, text);
    return mesh;
  }

  private static String mesh(String field, String value) {
    String text = MESH;
    for (String f : FIELDS) {
      String name = f.substring(0, f.indexOf('='));
      text = text.replace(name, name.equals(field) ? value : f.substring(f.indexOf('=') + 1));
    }
    return text;
  }

  private static String lineAndColumn(String text, String marker) {
    int at = text.indexOf(marker);
    int line = 1 + (int) text.substring(0, at).chars().filter(c -> c == '\n').count();
    int column = at - text.lastIndexOf('\n', at - 1);
    return line + ":" + column;
  }
}
