package dev.bent.validate;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.protobuf.Any;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Strict parser from JSON or YAML text to Envoy API messages: unknown fields, unknown
 * {@code "@type"} URLs, duplicate keys and trailing documents are errors, as Envoy's own validation
 * should treat them.
 *
 * <p>YAML is read with Jackson and converted to JSON; the tree is first walked along the target
 * descriptor to report every unknown field and {@code "@type"} with its path, then parsed with
 * protobuf's {@link JsonFormat} (not ignoring unknown fields) using a type registry built from the
 * {@code "@type"} values in the document. Envoy also accepts enum names in any letter case and a
 * single object where a list is expected, which strict JsonFormat refuses; callers that report
 * "Envoy would reject this" should treat such problems as warnings. Thread-safe.
 */
public final class StrictParser {

    /** Text format of a document, chosen from the file extension as Envoy does. */
    public enum Format {
        /** JSON text. */
        JSON,
        /** YAML text ({@code "@type"} keys must be quoted). */
        YAML;

        /** Returns YAML for {@code .yaml}/{@code .yml} names and JSON for anything else. */
        public static Format forFileName(String fileName) {
            String lower = fileName.toLowerCase(Locale.ROOT);
            return lower.endsWith(".yaml") || lower.endsWith(".yml") ? YAML : JSON;
        }
    }

    private static final StrictParser INSTANCE = new StrictParser();
    private static final ObjectMapper JSON_MAPPER = configure(new ObjectMapper());
    private static final ObjectMapper YAML_MAPPER = configure(new ObjectMapper(new YAMLFactory()));

    private StrictParser() {
    }

    /** Returns the (shared, stateless) parser. */
    public static StrictParser create() {
        return INSTANCE;
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    }

    /**
     * Parses {@code text} as a message of {@code type}. The result is an instance of the generated
     * class when {@link EnvoyTypes} knows the type, otherwise a {@link DynamicMessage}.
     */
    public Message parse(String text, Format format, Descriptors.Descriptor type) throws ParseException {
        return parseInto(text, format, JsonForms.newBuilder(type), null);
    }

    /** Parses {@code text} as a message of the same generated class as {@code defaultInstance}. */
    @SuppressWarnings("unchecked")
    public <T extends Message> T parse(String text, Format format, T defaultInstance) throws ParseException {
        return (T) parseInto(text, format, defaultInstance.newBuilderForType(), null);
    }

    /**
     * A parsed document, with the places where it uses a form that Envoy accepts but strict
     * protobuf JSON refuses (enum names in another letter case, one object where a list belongs).
     *
     * @param value    what was parsed
     * @param warnings the lenient forms that were accepted, in document order
     */
    public record Parsed<T>(T value, List<ParseProblem> warnings) {
        /** Copies the warnings. */
        public Parsed {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * Parses {@code text} as Envoy loads a file: like {@link #parse(String, Format, Message)}, but
     * the forms Envoy accepts and strict JSON refuses are accepted and returned as warnings.
     */
    @SuppressWarnings("unchecked")
    public <T extends Message> Parsed<T> parseAsEnvoy(String text, Format format, T defaultInstance)
            throws ParseException {
        List<ParseProblem> warnings = new ArrayList<>();
        T value = (T) parseInto(text, format, defaultInstance.newBuilderForType(), warnings);
        return new Parsed<>(value, warnings);
    }

    /** Like {@link #parseDiscoveryResources}, accepting what Envoy accepts as warnings. */
    public Parsed<List<Message>> parseDiscoveryResourcesAsEnvoy(String text, Format format) throws ParseException {
        Parsed<DiscoveryResponse> response = parseAsEnvoy(text, format, DiscoveryResponse.getDefaultInstance());
        return new Parsed<>(unpack(response.value()), response.warnings());
    }

    /**
     * Whether {@code text} looks like a filesystem-xDS file rather than a bootstrap: its top-level
     * object has a field of {@code DiscoveryResponse} (such as {@code resources}). False when it
     * cannot be read at all.
     */
    public static boolean isDiscoveryResponse(String text, Format format) {
        JsonNode tree;
        try {
            tree = readTree(text, format);
        } catch (ParseException e) {
            return false;
        }
        for (Iterator<String> names = tree.fieldNames(); names.hasNext(); ) {
            if (JsonForms.find(DiscoveryResponse.getDescriptor(), names.next()) != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * Parses a filesystem xDS file (one {@code DiscoveryResponse}) and returns its resources
     * unpacked into their generated classes, in file order.
     */
    public List<Message> parseDiscoveryResources(String text, Format format) throws ParseException {
        return unpack(parse(text, format, DiscoveryResponse.getDefaultInstance()));
    }

    private static List<Message> unpack(DiscoveryResponse response) throws ParseException {
        List<Message> resources = new ArrayList<>();
        List<ParseProblem> problems = new ArrayList<>();
        for (int i = 0; i < response.getResourcesCount(); i++) {
            Any any = response.getResources(i);
            String path = Findings.index("resources", i);
            Optional<Message> prototype = EnvoyTypes.defaultInstance(any.getTypeUrl());
            if (prototype.isEmpty()) {
                problems.add(new ParseProblem(path, "a resource needs a known \"@type\", got \""
                        + any.getTypeUrl() + "\""));
                continue;
            }
            try {
                resources.add(prototype.get().getParserForType().parseFrom(any.getValue()));
            } catch (InvalidProtocolBufferException e) {
                problems.add(new ParseProblem(path, e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new ParseException(problems);
        }
        return List.copyOf(resources);
    }

    /** {@code lenient}: null to refuse Envoy's lenient forms, else where to report them. */
    private Message parseInto(String text, Format format, Message.Builder builder, List<ParseProblem> lenient)
            throws ParseException {
        JsonNode tree = readTree(text, format);
        if (lenient != null) {
            lenient.addAll(EnvoyLeniency.normalize(tree, builder.getDescriptorForType()));
        }
        JsonShapeChecker.Result shape = JsonShapeChecker.check(tree, builder.getDescriptorForType());
        if (!shape.problems().isEmpty()) {
            throw new ParseException(shape.problems());
        }
        JsonFormat.TypeRegistry.Builder registry = JsonFormat.TypeRegistry.newBuilder();
        shape.anyTypes().forEach(registry::add);
        JsonFormat.Parser parser = JsonFormat.parser().usingTypeRegistry(registry.build());
        try {
            parser.merge(tree.toString(), builder);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            String location = JsonErrorLocator.locate(tree, builder.getDescriptorForType(), parser);
            throw new ParseException(List.of(new ParseProblem(location, describe(e))));
        }
        return builder.build();
    }

    private static JsonNode readTree(String text, Format format) throws ParseException {
        if (text == null || text.isBlank()) {
            throw new ParseException(List.of(new ParseProblem("", "the document is empty (Envoy rejects"
                    + " an empty file; an empty resource list is written \"resources: []\")")));
        }
        JsonNode tree;
        try {
            tree = (format == Format.YAML ? YAML_MAPPER : JSON_MAPPER).readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            String location = where == null ? "" : "line " + where.getLineNr() + ", column " + where.getColumnNr();
            throw new ParseException(List.of(new ParseProblem(location, e.getOriginalMessage())));
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new ParseException(List.of(new ParseProblem("", "the document is empty")));
        }
        if (!tree.isObject()) {
            throw new ParseException(List.of(new ParseProblem("", "the document must be an object, got "
                    + tree.getNodeType().name().toLowerCase(Locale.ROOT))));
        }
        return tree;
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        if (e.getCause() != null && e.getCause().getMessage() != null
                && (message == null || !message.contains(e.getCause().getMessage()))) {
            message = (message == null ? "" : message + ": ") + e.getCause().getMessage();
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
