package dev.bent.emit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;

/**
 * The direct emitter writes the bytes of the Jackson reference for randomly built Envoy messages
 * whose strings are chosen to be hard to quote: YAML words, number look-alikes, indicators, blanks
 * at the ends, line breaks, control and non-ASCII characters, long keys.
 */
class RandomMessagesEmitTest {
  /** Unpaired surrogates in the odd strings make protobuf log a warning for each packed message. */
  private static final java.util.logging.Logger PROTOBUF_WARNINGS =
      java.util.logging.Logger.getLogger(com.google.protobuf.CodedOutputStream.class.getName());

  static {
    PROTOBUF_WARNINGS.setLevel(java.util.logging.Level.OFF);
  }

  private static final JsonFormat.TypeRegistry ALL = JsonFormat.TypeRegistry.newBuilder()
      .add(Bootstrap.getDescriptor())
      .add(io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager.getDescriptor())
      .add(io.envoyproxy.envoy.extensions.filters.http.router.v3.Router.getDescriptor())
      .add(io.envoyproxy.envoy.extensions.access_loggers.file.v3.FileAccessLog.getDescriptor())
      .add(io.envoyproxy.envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector.getDescriptor())
      .add(io.envoyproxy.envoy.type.v3.Percent.getDescriptor())
      .add(io.envoyproxy.envoy.type.v3.Int64Range.getDescriptor())
      .build();

  static final List<String> ODD = List.of(
      "", " ", "  ", "x", "true", "false", "True", "FALSE", "null", "Null", "NULL", "~", "~x", "yes", "No",
      "on", "OFF", "y", "N", "n", "Y", "0", "00", "007", "0_1", "0x1F", "-1", "+1", "1.5", ".5", "5.", "-.5",
      "+", "-", ".", "1e3", "1E-3", "1_000", "12:30", "1:2:3", ".inf", "-.Inf", ".NaN", "NaN", "Infinity",
      ":path", ":", "::1", "a:", "a: b", "a:b", "a :b", "http://x", "#", "#x", "a#b", "a #b", "a\t#b",
      "- x", "-x", "--", "---", "--- x", "...", "... x", "? x", "?x", "?", "[x]", "x]", "{x}", "x}", "a,b",
      "'x'", "it's", "\"x\"", "a\"b", "@type", "@", "`x`", "%x", "&x", "*x", "!x", "|x", ">x", "x|", "x>",
      " lead", "trail ", " both ", "a  b", "a\nb", "a\n", "a\n\n", "\n", "\n\n", "\na", " \na", "a \nb",
      "a\n b", "a\n\n b", "a\r\nb", "a\rb", "\r", "a\tb", "\t", "\tx", "x\t", "\u0000", "a\u0000b", "\u0007",
      "\u001b", "\u007f", "\u0080", "\u0085", "a\u0085b", "\u00a0", "a\u00a0b", "\u00e9t\u00e9", "\u65e5\u672c",
      "\ud83d\ude00", "a\ud83d\ude00b", "\u2028", "a\u2028b", "a\u2029", "\ufeff", "x\ufeff", "\ufffe",
      "\ud800", "a\ud800b", "\udc00x", "x\ud800", "\\", "a\\nb", "\\x41", "x".repeat(127), "k".repeat(128),
      "k ".repeat(70), "y".repeat(300), "%START_TIME% %REQ(:METHOD)%", "%REQ(X-ENVOY-ORIGINAL-PATH?:PATH)%",
      "*.example.com", "*", "/", "/api/v1?x=1&y=2", "10.0.0.1", "0.0.0.0", "[::1]:80", "envoy.filters.http.router");

  @Provide
  Arbitrary<List<String>> strings() {
    Arbitrary<String> odd = Arbitraries.of(ODD);
    Arbitrary<String> composed = Arbitraries.of(ODD).list().ofMinSize(2).ofMaxSize(3).map(l -> String.join("", l));
    Arbitrary<String> yamlish = Arbitraries.strings().withChars("ab :#-?'\"\n\t{}[],.0123456789~@!&*|>%`\\\r")
        .ofMaxLength(10);
    Arbitrary<String> any = Arbitraries.strings().ofMaxLength(8);
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(4, odd), net.jqwik.api.Tuple.of(2, composed),
            net.jqwik.api.Tuple.of(3, yamlish), net.jqwik.api.Tuple.of(1, any))
        .list().ofMinSize(1).ofMaxSize(12);
  }

  @Property(tries = 300)
  void aRandomClusterIsEmittedAsTheReference(@ForAll("strings") List<String> strings, @ForAll long seed) {
    RandomEnvoy random = new RandomEnvoy(seed, strings);
    sameItem(random.cluster());
  }

  @Property(tries = 200)
  void aRandomListenerIsEmittedAsTheReference(@ForAll("strings") List<String> strings, @ForAll long seed) {
    RandomEnvoy random = new RandomEnvoy(seed, strings);
    sameItem(random.listener());
  }

  @Property(tries = 300)
  void aRandomRouteConfigurationIsEmittedAsTheReference(@ForAll("strings") List<String> strings, @ForAll long seed) {
    RandomEnvoy random = new RandomEnvoy(seed, strings);
    sameItem(random.routes());
  }

  @Property(tries = 200)
  void aRandomBootstrapIsEmittedAsTheReference(@ForAll("strings") List<String> strings, @ForAll long seed) {
    Bootstrap bootstrap = new RandomEnvoy(seed, strings).bootstrap();
    sameOutcome("document", () -> JacksonYamlEmitter.document(bootstrap), () -> YamlEmitter.document(bootstrap));
    sameOutcome("document with types", () -> JacksonYamlEmitter.document(bootstrap, ALL),
        () -> YamlEmitter.document(bootstrap, ALL));
  }

  @Property(tries = 300)
  void aRandomStructOrAnyIsEmittedAsTheReference(@ForAll("strings") List<String> strings, @ForAll long seed) {
    RandomEnvoy random = new RandomEnvoy(seed, strings);
    com.google.protobuf.Struct struct = random.struct(0);
    sameOutcome("struct", () -> JacksonYamlEmitter.document(struct), () -> YamlEmitter.document(struct));
    com.google.protobuf.Any any = random.any(0);
    sameOutcome("any", () -> JacksonYamlEmitter.document(any, ALL), () -> YamlEmitter.document(any, ALL));
  }

  /** A resource as an item and as a document of its own (strings not packed). */
  private static void sameItem(Message resource) {
    sameOutcome("item",
        () -> JacksonYamlEmitter.resourceItem(resource).getBytes(StandardCharsets.UTF_8),
        () -> YamlEmitter.resourceItem(resource).getBytes(StandardCharsets.UTF_8));
    sameOutcome("document", () -> JacksonYamlEmitter.document(resource), () -> YamlEmitter.document(resource));
  }

  /** Both give the same bytes, or both refuse the message; most messages must be written. */
  static void sameOutcome(String what, Supplier<byte[]> reference, Supplier<byte[]> direct) {
    byte[] expected;
    try {
      expected = reference.get();
    } catch (RuntimeException e) {
      RuntimeException refused = null;
      try {
        direct.get();
      } catch (RuntimeException d) {
        refused = d;
      }
      assertEquals(true, refused != null, what + ": the reference refused (" + e + ") but the direct emitter wrote it");
      Statistics.label(what).collect("refused");
      Statistics.label(what).coverage(c -> c.check("refused").percentage(p -> p < 20));
      return;
    }
    Statistics.label(what).collect("written");
    byte[] actual = direct.get();
    assertEquals(new String(expected, StandardCharsets.UTF_8), new String(actual, StandardCharsets.UTF_8), what);
    assertArrayEquals(expected, actual, what);
  }
}
