package dev.bent.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import com.google.protobuf.Descriptors;
import com.google.protobuf.Duration;
import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;
import dev.bent.Meshes;
import dev.bent.diag.Diagnostic;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The planned walk ({@link ProtoRuleChecker} with {@link MessagePlan}s, {@link FieldReader}s and an
 * {@link AnyMemo}) skips nothing that matters: on every golden file and every file of the Envoy
 * corpus, with one random place changed anywhere (inside typed configs too), it reports exactly
 * what the full reflection walk ({@link FullRuleWalk}) reports, in the same order and at the same
 * paths, also when the same memo has seen the payloads before at other paths.
 */
class PlannedWalkTest {
  private static final Map<Path, List<Message>> PARSED = new ConcurrentHashMap<>();

  @Provide
  Arbitrary<Path> envoyFiles() {
    List<Path> files = new ArrayList<>();
    files.addAll(yamlUnder(Meshes.projectRoot().resolve("golden")));
    files.addAll(yamlUnder(Meshes.projectRoot().resolve("bent-compiler/src/test/resources/envoy")));
    return Arbitraries.of(files.stream().filter(f -> !resources(f).isEmpty()).toList());
  }

  @Property(tries = 400)
  void aMutatedFileGetsTheFindingsOfTheFullWalk(@ForAll("envoyFiles") Path file, @ForAll long seed) {
    List<Message> resources = new ArrayList<>(resources(file));
    int changed = (int) Math.floorMod(seed, (long) resources.size());
    resources.set(changed, MessageMutator.mutate(resources.get(changed), seed));
    Statistics.collect(FullRuleWalk.diagnostics("", "", resources.get(changed)).isEmpty() ? "clean" : "findings");
    CheckMemo memo = new CheckMemo();
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < resources.size(); i++) {
        Message resource = resources.get(i);
        String at = "resources[" + (i + round * resources.size()) + "]";
        String context = file + " " + at + "\n" + resource;
        assertEquals(outcome(() -> FullRuleWalk.diagnostics(file.toString(), at, resource)),
            outcome(() -> RuleDiagnostics.check(file.toString(), at, resource, memo)), context);
        assertEquals(outcome(() -> FullRuleWalk.check(resource)),
            outcome(() -> ProtoRuleChecker.create().check(resource)), context);
      }
    }
  }

  @Property(tries = 200)
  void generatedAccessorsReadWhatReflectionReads(@ForAll("envoyFiles") Path file, @ForAll long seed) {
    List<Message> resources = resources(file);
    Message mutated = MessageMutator.mutate(resources.get((int) Math.floorMod(seed, (long) resources.size())), seed);
    compareReaders(mutated);
  }

  @Example
  void unknownFieldsDeepInsideAQuietSubtreeAreReported() {
    Duration odd = Duration.newBuilder().setSeconds(1)
        .setUnknownFields(UnknownFieldSet.newBuilder()
            .addField(77, UnknownFieldSet.Field.newBuilder().addVarint(1).build()).build())
        .build();
    Cluster cluster = Configs.cluster("a", 1).toBuilder().setConnectTimeout(odd).build();
    assertTrue(MessagePlan.of(Duration.getDescriptor()).quiet);
    List<RuleViolation> found = ProtoRuleChecker.create().check(cluster);
    assertEquals(FullRuleWalk.check(cluster), found);
    assertEquals(List.of("connect_timeout"), found.stream().map(RuleViolation::path).toList());
  }

  @Example
  void anIdenticalPayloadMetAgainIsPlacedAtItsOwnPath() {
    Listener listener = Configs.listener(Configs.hcm(Configs.fault(700)));
    CheckMemo memo = new CheckMemo();
    List<String> first = texts(RuleDiagnostics.check("lds.yaml", "resources[0]", listener, memo));
    List<String> again = texts(RuleDiagnostics.check("lds.yaml", "resources[5]", listener, memo));
    assertEquals(texts(FullRuleWalk.diagnostics("lds.yaml", "resources[0]", listener)), first);
    assertEquals(texts(FullRuleWalk.diagnostics("lds.yaml", "resources[5]", listener)), again);
    assertTrue(again.get(0).contains("resources[5].filter_chains[0].filters[0].typed_config.http_filters[0]"),
        again.toString());
  }

  private static void compareReaders(Message message) {
    for (Descriptors.FieldDescriptor field : message.getDescriptorForType().getFields()) {
      FieldReader reader = FieldReader.of(message.getClass(), field);
      String what = message.getClass().getName() + " " + field.getFullName();
      if (reader != null) {
        if (field.isRepeated()) {
          assertEquals(message.getRepeatedFieldCount(field), reader.count(message), what);
          for (int i = 0; i < message.getRepeatedFieldCount(field); i++) {
            assertEquals(comparable(message.getRepeatedField(field, i)), comparable(reader.get(message, i)), what);
          }
        } else {
          if (field.hasPresence()) {
            assertEquals(message.hasField(field), reader.has(message), what);
          }
          assertEquals(comparable(message.getField(field)), comparable(reader.get(message)), what);
        }
      }
      if (field.getJavaType() == Descriptors.FieldDescriptor.JavaType.MESSAGE) {
        for (Message child : children(message, field)) {
          compareReaders(child);
        }
      }
    }
    if (message instanceof Any any) {
      EnvoyTypes.defaultInstance(any.getTypeUrl()).ifPresent(prototype -> {
        try {
          compareReaders(prototype.getParserForType().parseFrom(any.getValue()));
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
          // Bad bytes: nothing inside to compare.
        }
      });
    }
  }

  private static List<Message> children(Message message, Descriptors.FieldDescriptor field) {
    List<Message> out = new ArrayList<>();
    if (field.isRepeated()) {
      for (int i = 0; i < message.getRepeatedFieldCount(field); i++) {
        out.add((Message) message.getRepeatedField(field, i));
      }
    } else if (message.hasField(field)) {
      out.add((Message) message.getField(field));
    }
    return out;
  }

  /** Enum values made up for unknown numbers are compared by type and number. */
  private static Object comparable(Object value) {
    if (value instanceof Descriptors.EnumValueDescriptor e) {
      return e.getType().getFullName() + "=" + e.getNumber();
    }
    return value;
  }

  private static String outcome(Supplier<List<?>> check) {
    try {
      return String.join("\n", check.get().stream().map(Objects::toString).toList());
    } catch (RuntimeException e) {
      return "threw " + e.getClass().getName();
    }
  }

  private static List<String> texts(List<Diagnostic> diagnostics) {
    return diagnostics.stream().map(Diagnostic::toString).toList();
  }

  /** The messages of an Envoy file: a bootstrap, or the resources of an xDS file; empty if unreadable. */
  private static List<Message> resources(Path file) {
    return PARSED.computeIfAbsent(file, f -> {
      List<Diagnostic> problems = new ArrayList<>();
      String text = EnvoyFileReader.text(f, f.toString(), problems).orElse("");
      if (text.lines().anyMatch(line -> line.startsWith("resources:"))) {
        return EnvoyFileReader.resources(f, f.toString(), new ArrayList<>()).orElse(List.of());
      }
      return EnvoyFileReader.bootstrap(f, f.toString(), new ArrayList<>()).<List<Message>>map(List::of)
          .orElse(List.of());
    });
  }

  private static List<Path> yamlUnder(Path root) {
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
