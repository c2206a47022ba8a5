package dev.bent.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.Compiler;
import dev.bent.Meshes;
import dev.bent.diag.Diagnostics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What bent accepts of YAML, and how it reports what it does not, always with a place. */
class YamlReadingTest {

  @Test
  void anAliasStandsForTheValueItsAnchorNames() {
    Compiler.Compilation c = Meshes.compile("nodes:\n"
        + "  alpha:\n  - name: &n beta.svc\n    endpoints: [{address: 10.0.0.1, port: 80}]\n"
        + "  beta:\n  - name: *n\n    endpoints: &e [{address: 10.0.0.2, port: 80}]\n"
        + "  gamma:\n  - name: gamma.svc\n    endpoints: *e\n");
    String cds = Meshes.text(c, "beta", "cds.yaml");
    assertTrue(cds.contains("name: local_beta.svc"), cds);
    String egress = Meshes.text(c, "gamma", "cds.yaml");
    assertTrue(egress.contains("name: beta.svc"), egress);
    assertFalse(egress.contains("name: n\n") || egress.contains("local_n"), egress);
    assertTrue(Meshes.text(c, "gamma", "cds.yaml").contains("address: 10.0.0.2"));
  }

  @Test
  void anAliasWithoutAnEarlierAnchorIsAnErrorAtTheAlias() {
    assertEquals(
        List.of("mesh.yaml:3:11: error: alias *n refers to no anchor &n defined before it"),
        Meshes.errors("nodes:\n  a:\n  - name: *n\n    endpoints: [{address: 10.0.0.1, port: 80}]\n"));
  }

  @Test
  void aliasesThatExpandBeyondTheLimitAreRefused() {
    StringBuilder bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 9; i++) {
      bomb.append("a").append(i).append(": &a").append(i).append(" [");
      bomb.append(String.join(", ", java.util.Collections.nCopies(10, "*a" + (i - 1)))).append("]\n");
    }
    List<String> errors = Meshes.errors(bomb + "nodes:\n");
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.get(0).matches("mesh\\.yaml:\\d+:\\d+: error: aliases expand to more than 100,000 values.*"),
        errors.get(0));
  }

  @Test
  void mergeKeysAndForeignTagsAreRefusedAtTheirPlace() {
    assertEquals(List.of("mesh.yaml:3:5: error: merge keys (<<) are not supported; write the keys out"),
        Meshes.errors("nodes:\n  a:\n  - <<: {name: a.svc}\n"));
    List<String> errors = Meshes.errors("nodes:\n  a:\n  - name: !!binary AAAA\n");
    assertEquals(List.of("mesh.yaml:3:11: error: the YAML tag !!binary is not supported; bent reads plain"
        + " strings, numbers, booleans, null, maps and lists"), errors);
  }

  @Test
  void aTabKeepsTheParsersReasonAndItsPlace() {
    List<String> errors = Meshes.errors("nodes:\n\talpha:\n");
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.get(0).startsWith("mesh.yaml:2:1: error: invalid YAML: found character '\\t(TAB)'"
        + " that cannot start any token"), errors.get(0));
  }

  @Test
  void aBadIndentationSaysWhatTheParserExpectedAndWhere() {
    List<String> errors = Meshes.errors("nodes:\n  a:\n    b: c\n   d: e\n");
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.get(0).startsWith("mesh.yaml:4:4: error: invalid YAML: expected <block end>,"
        + " but found '<block mapping start>' (while parsing a block mapping that starts at"), errors.get(0));
  }

  @Test
  void anUnclosedQuoteIsReportedWhereItOpens() {
    List<String> errors = Meshes.errors("nodes:\n  a:\n  - name: 'unclosed\n    endpoints: []\n");
    assertEquals(List.of("mesh.yaml:3:11: error: invalid YAML: found unexpected end of stream at 5:1"
        + " (while scanning a quoted scalar that starts here)"), errors);
  }

  @Test
  void aByteThatIsNotUtf8IsReportedAtItsLineAndColumn(@TempDir Path dir) throws Exception {
    StringBuilder text = new StringBuilder("nodes:\n  a:\n");
    for (int i = 3; i < 21; i++) {
      text.append("  # comment ").append(i).append('\n');
    }
    byte[] head = text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] bytes = java.util.Arrays.copyOf(head, head.length + 6);
    System.arraycopy(new byte[] {' ', ' ', '#', ' ', (byte) 0xC3, '\n'}, 0, bytes, head.length, 6);
    Path file = dir.resolve("mesh.yaml");
    Files.write(file, bytes);
    Diagnostics d = new Diagnostics();
    MeshFileReader.read(file, "mesh.yaml", d);
    assertTrue(d.sorted().get(0).toString().startsWith("mesh.yaml:21:5: error: the file is not UTF-8 text"),
        d.sorted().toString());
  }

  @Test
  void deepNestingIsRefusedInBentsWordsAtTheLevelTooDeep() {
    List<String> errors = Meshes.errors("nodes: " + "[".repeat(5_000) + "]".repeat(5_000) + "\n");
    assertEquals(List.of("mesh.yaml:1:107: error: the YAML nests deeper than 100 levels;"
        + " a mesh file needs fewer than ten"), errors);
    List<String> blocks = Meshes.errors("nodes:\n"
        + java.util.stream.IntStream.range(0, 2_000).mapToObj(i -> " ".repeat(i) + "k" + i + ":\n")
            .collect(java.util.stream.Collectors.joining()));
    assertEquals(1, blocks.size(), blocks.toString());
    assertTrue(blocks.get(0).contains("nests deeper than 100 levels"), blocks.get(0));
  }

  @Test
  void aControlCharacterIsReportedAtItsPlace() {
    assertEquals(List.of("mesh.yaml:2:5: error: character U+0007 is not allowed in YAML; remove it"),
        Meshes.errors("nodes:\n  a:\u0007\n"));
  }

  @Test
  void aLongLineOrValueIsRefusedWithoutBeingPrinted() {
    List<String> line = Meshes.errors("nodes:\n  a:\n  - name: " + "a".repeat(1_000_000) + "\n");
    assertEquals(List.of("mesh.yaml:3:16385: error: line 3 is longer than 16,384 characters,"
        + " the longest line bent reads"), line);
    List<String> value = Meshes.errors("nodes:\n  a:\n  - name: |\n" + ("      " + "b".repeat(100) + "\n").repeat(200));
    assertEquals(List.of("mesh.yaml:3:11: error: a value of 20,200 characters; values are at most 16,384"),
        value);
  }

  @Test
  void aLongValueInAMessageIsShortened() {
    String address = "n".repeat(10_000) + "..";
    List<String> errors = Meshes.errors("nodes:\n  a:\n  - name: x\n    endpoints: [{port: 80, address: " + address + "}]\n");
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.get(0).length() < 400, errors.get(0));
    assertTrue(errors.get(0).contains("characters) is neither an IP address"), errors.get(0));
  }

  @Test
  void anInvalidPortLeavesNoWarningBehind() {
    dev.bent.diag.InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(
        dev.bent.diag.InvalidInputException.class,
        () -> Meshes.compile("services:\n- name: s.svc\n  endpoints: [{address: 10.0.0.9, port: 0x10}]\n"
            + "nodes:\n  a:\n  - name: a.svc\n    endpoints: [{address: 10.0.0.1, port: 99999999999}]\n"));
    assertEquals(2, e.diagnostics().size(), e.diagnostics().toString());
    assertTrue(e.diagnostics().stream().allMatch(dev.bent.diag.Diagnostic::isError), e.diagnostics().toString());
  }

  @Test
  void aSecondDocumentIsRefusedWhereItStarts() {
    assertEquals(List.of("mesh.yaml:3:1: error: a mesh file holds a single YAML document;"
        + " remove this second one (or its \"---\")"), Meshes.errors("nodes:\n  a:\n---\nnodes:\n"));
  }

  @Test
  void aNullAnnotationValueMeansTheSameHoweverItIsWritten() {
    for (String empty : new String[] {"\"\"", "~", "null", ""}) {
      Compiler.Compilation c = Meshes.compile("nodes:\n  a:\n  - name: a.svc\n"
          + "    annotations: {fault.inject: " + empty + ", fault.abort.percent: 5}\n"
          + "    endpoints: [{address: 10.0.0.1, port: 80}]\n");
      assertTrue(Meshes.text(c, "a", "lds.yaml").contains("envoy.filters.http.fault"), empty);
    }
  }
}
