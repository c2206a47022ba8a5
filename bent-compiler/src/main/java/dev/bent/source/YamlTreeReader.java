package dev.bent.source;

import dev.bent.diag.Diagnostics;
import dev.bent.diag.Location;
import dev.bent.source.YamlNode.Entry;
import dev.bent.source.YamlNode.ListNode;
import dev.bent.source.YamlNode.MapNode;
import dev.bent.source.YamlNode.Scalar;
import dev.bent.source.YamlNode.ScalarType;
import dev.bent.value.Texts;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads YAML text into a {@link YamlNode} tree that remembers the line and column of every key and
 * value.
 *
 * <p>Reasoning: bent's errors must say {@code file:line:column}, so the tree is built from the YAML
 * parser's event stream, which has them, rather than from a data binding, which drops them. The
 * text is checked against {@link YamlLimits} first, in one linear pass, because the parser's
 * scanner takes time quadratic in the length of one line. Scalars are typed with the YAML 1.1
 * rules (as every YAML library in the JVM does); what bent then accepts as a number is decided by
 * {@link dev.bent.value.Numbers}.
 *
 * <p>Accepted: one document, block and flow style, every scalar style, comments, and anchors with
 * aliases, which are expanded as YAML defines them: {@code *a} stands for the value anchored
 * {@code &a} before it. Refused, each with its place: duplicate keys, merge keys ({@code <<}),
 * tags other than YAML's own {@code !!str}, {@code !!int}, {@code !!float}, {@code !!bool},
 * {@code !!null}, {@code !!map} and {@code !!seq}, keys that are not scalars, aliases to an anchor
 * not defined before them, aliases that expand to more than {@link YamlLimits#MAX_ALIASED_VALUES}
 * values, and everything beyond {@link YamlLimits}.
 */
public final class YamlTreeReader {
  private static final Resolver TYPES = new Resolver();
  private static final Set<String> SCALAR_TAGS =
      Set.of(Tag.STR.getValue(), Tag.INT.getValue(), Tag.FLOAT.getValue(), Tag.BOOL.getValue(),
          Tag.NULL.getValue());

  private final String origin;
  private final Diagnostics diagnostics;
  private final Parser parser;
  private final Map<String, Anchored> anchors = new HashMap<>();
  private final Set<String> open = new HashSet<>();
  /** Values read so far, counting each expansion of an alias as the values it stands for. */
  private long values;
  private long aliased;
  private int depth;

  /** A value with an anchor, and how many values it holds (itself included). */
  private record Anchored(YamlNode node, long size) {}

  /** Stops reading at the first problem that leaves the rest of the text meaningless. */
  private static final class Abort extends RuntimeException {
    Abort() {
      super(null, null, false, false);
    }
  }

  private YamlTreeReader(String origin, Diagnostics diagnostics, String text) {
    this.origin = origin;
    this.diagnostics = diagnostics;
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(YamlLimits.MAX_FILE_BYTES);
    options.setProcessComments(false);
    this.parser = new ParserImpl(new StreamReader(new StringReader(text)), options);
  }

  /**
   * Parses {@code text}; an empty document is a null scalar. A syntax error, or text beyond
   * {@link YamlLimits}, is reported into {@code diagnostics} and yields an empty result.
   */
  public static Optional<YamlNode> read(String origin, String text, Diagnostics diagnostics) {
    if (!YamlLimits.check(origin, text, diagnostics)) {
      return Optional.empty();
    }
    YamlTreeReader reader = new YamlTreeReader(origin, diagnostics, text);
    try {
      return Optional.of(reader.document());
    } catch (Abort e) {
      return Optional.empty();
    } catch (MarkedYAMLException e) {
      diagnostics.error(reader.at(place(e)), "invalid YAML: " + reader.describe(e));
      return Optional.empty();
    } catch (YAMLException e) {
      diagnostics.error(Location.of(origin), "invalid YAML: " + firstLine(e.getMessage()));
      return Optional.empty();
    }
  }

  private YamlNode document() {
    expect(Event.ID.StreamStart);
    if (parser.checkEvent(Event.ID.StreamEnd)) {
      return new Scalar(Location.of(origin, 1, 1), "", ScalarType.NULL);
    }
    expect(Event.ID.DocumentStart);
    YamlNode root = value(parser.getEvent());
    expect(Event.ID.DocumentEnd);
    if (!parser.checkEvent(Event.ID.StreamEnd)) {
      fail(parser.peekEvent().getStartMark(),
          "a mesh file holds a single YAML document; remove this second one (or its \"---\")");
    }
    return root;
  }

  private YamlNode value(Event event) {
    if (event instanceof AliasEvent alias) {
      return alias(alias);
    }
    NodeEvent node = (NodeEvent) event;
    String anchor = node.getAnchor();
    if (anchor != null) {
      open.add(anchor);
    }
    long before = values;
    YamlNode value;
    if (event instanceof ScalarEvent scalar) {
      value = scalar(scalar);
    } else if (event.is(Event.ID.MappingStart)) {
      enter((CollectionStartEvent) event, Tag.MAP);
      value = map(at(event.getStartMark()));
      depth--;
    } else if (event.is(Event.ID.SequenceStart)) {
      enter((CollectionStartEvent) event, Tag.SEQ);
      value = list(at(event.getStartMark()));
      depth--;
    } else {
      throw new YAMLException("unexpected YAML event " + event.getEventId());
    }
    values++;
    if (anchor != null) {
      open.remove(anchor);
      anchors.put(anchor, new Anchored(value, values - before));
    }
    return value;
  }

  /** Checks a map's or list's tag and how deep it lies. */
  private void enter(CollectionStartEvent event, Tag plain) {
    String tag = event.getTag();
    if (tag != null && !event.getImplicit() && !tag.equals(plain.getValue())) {
      unsupportedTag(event.getStartMark(), tag);
    }
    if (++depth > YamlLimits.MAX_DEPTH) {
      fail(event.getStartMark(), "the YAML nests deeper than " + YamlLimits.MAX_DEPTH
          + " levels; a mesh file needs fewer than ten");
    }
  }

  private YamlNode alias(AliasEvent alias) {
    String name = alias.getAnchor();
    Anchored target = anchors.get(name);
    if (target == null) {
      fail(alias.getStartMark(), open.contains(name)
          ? "alias *" + Texts.shorten(name) + " refers to the value that contains it"
          : "alias *" + Texts.shorten(name) + " refers to no anchor &" + Texts.shorten(name) + " defined before it");
    }
    aliased += target.size();
    values += target.size();
    if (aliased > YamlLimits.MAX_ALIASED_VALUES) {
      fail(alias.getStartMark(), "aliases expand to more than " + String.format("%,d", YamlLimits.MAX_ALIASED_VALUES)
          + " values; write the values out or use fewer aliases");
    }
    // A scalar takes the alias's place, so that messages about it point at the alias.
    if (target.node() instanceof Scalar scalar) {
      return new Scalar(at(alias.getStartMark()), scalar.text(), scalar.type());
    }
    return target.node();
  }

  private Scalar scalar(ScalarEvent event) {
    Location at = at(event.getStartMark());
    String text = event.getValue();
    if (text.length() > YamlLimits.MAX_VALUE_CHARS) {
      fail(event.getStartMark(), "a value of " + String.format("%,d", text.length())
          + " characters; values are at most " + String.format("%,d", YamlLimits.MAX_VALUE_CHARS));
    }
    String tag = event.getTag();
    boolean resolved = tag == null || tag.equals("!");
    if (!resolved && !SCALAR_TAGS.contains(tag)) {
      unsupportedTag(event.getStartMark(), tag);
    }
    Tag type = resolved
        ? TYPES.resolve(NodeId.scalar, text, event.getImplicit().canOmitTagInPlainScalar())
        : new Tag(tag);
    if (type.equals(Tag.MERGE)) {
      fail(event.getStartMark(), "merge keys (<<) are not supported; write the keys out");
    }
    ScalarType scalarType = typeOf(type);
    // A null has no text, however it was written (~, null, or nothing).
    return new Scalar(at, scalarType == ScalarType.NULL ? "" : text, scalarType);
  }

  private static ScalarType typeOf(Tag tag) {
    if (tag.equals(Tag.INT)) {
      return ScalarType.INTEGER;
    }
    if (tag.equals(Tag.FLOAT)) {
      return ScalarType.FLOAT;
    }
    if (tag.equals(Tag.BOOL)) {
      return ScalarType.BOOLEAN;
    }
    if (tag.equals(Tag.NULL)) {
      return ScalarType.NULL;
    }
    // Implicit timestamps and everything else YAML 1.1 reads from plain text stay text.
    return ScalarType.STRING;
  }

  private MapNode map(Location at) {
    Map<String, Entry> entries = new LinkedHashMap<>();
    while (!parser.checkEvent(Event.ID.MappingEnd)) {
      Event keyEvent = parser.getEvent();
      YamlNode keyNode = value(keyEvent);
      if (!(keyNode instanceof Scalar key)) {
        fail(keyEvent.getStartMark(), "a key must be a plain value, not " + keyNode.kindName());
        return null;
      }
      Location keyLocation = at(keyEvent.getStartMark());
      YamlNode value = value(parser.getEvent());
      Entry previous = entries.get(key.text());
      if (previous != null) {
        diagnostics.error(keyLocation, "duplicate key \"" + Texts.shorten(key.text())
            + "\" (first written at " + previous.keyLocation() + ")");
        continue;
      }
      entries.put(key.text(), new Entry(key.text(), keyLocation, value));
    }
    parser.getEvent();
    return new MapNode(at, entries);
  }

  private ListNode list(Location at) {
    List<YamlNode> items = new ArrayList<>();
    while (!parser.checkEvent(Event.ID.SequenceEnd)) {
      items.add(value(parser.getEvent()));
    }
    parser.getEvent();
    return new ListNode(at, items);
  }

  private void unsupportedTag(Mark mark, String tag) {
    String shown = tag.startsWith(Tag.PREFIX) ? "!!" + tag.substring(Tag.PREFIX.length()) : tag;
    fail(mark, "the YAML tag " + Texts.shorten(shown) + " is not supported; bent reads plain"
        + " strings, numbers, booleans, null, maps and lists");
  }

  private void expect(Event.ID id) {
    Event event = parser.getEvent();
    if (!event.is(id)) {
      throw new YAMLException("expected " + id + ", got " + event.getEventId());
    }
  }

  private void fail(Mark mark, String message) {
    diagnostics.error(at(mark), message);
    throw new Abort();
  }

  private Location at(Mark mark) {
    return mark == null ? Location.of(origin) : Location.of(origin, mark.getLine() + 1, mark.getColumn() + 1);
  }

  /**
   * Where a syntax error is reported: where the parser found it, except at the end of the text,
   * where the construct left open (a quote, a bracket) is the place to look.
   */
  private static Mark place(MarkedYAMLException e) {
    if (e.getProblemMark() == null || (atEnd(e) && e.getContextMark() != null)) {
      return e.getContextMark();
    }
    return e.getProblemMark();
  }

  private static boolean atEnd(MarkedYAMLException e) {
    String problem = String.valueOf(e.getProblem());
    return problem.contains("end of stream") || problem.contains("<stream end>");
  }

  private String describe(MarkedYAMLException e) {
    String problem = e.getProblem() == null ? "syntax error" : firstLine(e.getProblem());
    Mark problemMark = e.getProblemMark();
    Mark contextMark = e.getContextMark();
    if (atEnd(e) && contextMark != null && problemMark != null) {
      return problem + " at " + (problemMark.getLine() + 1) + ":" + (problemMark.getColumn() + 1)
          + " (" + firstLine(e.getContext()) + " that starts here)";
    }
    if (e.getContext() == null) {
      return problem;
    }
    boolean elsewhere = contextMark != null && problemMark != null
        && (contextMark.getLine() != problemMark.getLine() || contextMark.getColumn() != problemMark.getColumn());
    return problem + " (" + firstLine(e.getContext())
        + (elsewhere ? " that starts at " + (contextMark.getLine() + 1) + ":" + (contextMark.getColumn() + 1) : "") + ")";
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "syntax error";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
