package dev.bent.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import org.junit.jupiter.api.Test;

class ItemCacheTest {
  private static Cluster cluster(String name) {
    return Cluster.newBuilder().setName(name).setType(Cluster.DiscoveryType.STATIC).build();
  }

  @Test
  void anEqualResourceOfTheNextCompileGetsTheRememberedText() {
    ItemCache cache = new ItemCache();
    String first = cache.resourceItem(cluster("a"));
    cache.compileDone();
    String again = cache.resourceItem(cluster("a"));
    assertSame(first, again, "not rendered again");
    assertEquals(YamlEmitter.resourceItem(cluster("a")), again);
    assertEquals(YamlEmitter.resourceItem(cluster("b")), cache.resourceItem(cluster("b")));
  }

  @Test
  void textsACompileDidNotUseAreForgottenAfterIt() {
    ItemCache cache = new ItemCache();
    String first = cache.resourceItem(cluster("a"));
    cache.compileDone();
    cache.resourceItem(cluster("b"));
    cache.compileDone();
    assertNotSame(first, cache.resourceItem(cluster("a")));
  }
}
