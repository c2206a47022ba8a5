package dev.bent.emit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RenderedItemsTest {
  private static final List<String> ITEMS =
      List.of("- name: a\n", "- name: \"é\"\n", "- name: c\n", "- name: d\n");

  @Test
  void aFileContinuingFromRenderedItemsHasTheBytesOfOneBuiltFromAllItems() {
    for (int split = 0; split <= ITEMS.size(); split++) {
      RenderedItems head = RenderedItems.of(ITEMS.subList(0, split));
      byte[] continued = YamlEmitter.discoveryFile(head, ITEMS.subList(split, ITEMS.size()));
      assertArrayEquals(YamlEmitter.discoveryFile(ITEMS), continued, "split after " + split + " items");
    }
  }

  @Test
  void oneHeadServesManyFilesWithTheirOwnDigests() {
    RenderedItems head = RenderedItems.of(ITEMS.subList(0, 2));
    byte[] first = YamlEmitter.discoveryFile(head, List.of("- name: x\n"));
    byte[] second = YamlEmitter.discoveryFile(head, List.of("- name: y\n"));
    assertArrayEquals(YamlEmitter.discoveryFile(List.of(ITEMS.get(0), ITEMS.get(1), "- name: x\n")), first);
    assertArrayEquals(YamlEmitter.discoveryFile(List.of(ITEMS.get(0), ITEMS.get(1), "- name: y\n")), second);
  }

  @Test
  void aFileOfNoItemsSaysSoAndItsVersionIsTheDigestOfNothing() {
    String file = new String(YamlEmitter.discoveryFile(RenderedItems.of(List.of()), List.of()), StandardCharsets.UTF_8);
    // The first 8 bytes of SHA-256 of the empty string.
    assertEquals("version_info: \"e3b0c44298fc1c14\"\nresources: []\n", file);
  }
}
