package dev.bent.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bent.resolve.AnnotationKey;

/**
 * The JSON Schema of a service's {@code routes:}, made from the key lists {@link RouteReader}
 * accepts, so that the two cannot drift apart.
 */
final class RouteSchema {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RouteSchema() {}

  /** The {@code routes} property of a service. */
  static ObjectNode routes() {
    ObjectNode node = JSON.createObjectNode();
    node.put("type", "array");
    node.put("minItems", 1);
    node.put("description", "Routes of the service (only under services:), tried in order, first match wins;"
        + " a request no route matches is answered 404. A service with routes and no endpoints is a virtual"
        + " service: its annotations are the defaults of its routes' timeout and retries.");
    node.set("items", ref("route"));
    return node;
  }

  /** Adds the definitions that {@link #routes} refers to. */
  static void definitions(ObjectNode definitions) {
    ObjectNode route = object("One route: a match and exactly one of to or split.");
    ObjectNode props = route.putObject("properties");
    props.set("match", match());
    props.set("to", string("The one service that takes the requests (given its name as Host)."));
    ObjectNode target = object("A service and its relative weight.");
    target.putObject("properties").setAll(java.util.Map.of(
        "service", string("A service of the mesh that has no routes of its own."),
        "weight", JSON.createObjectNode().put("type", "integer").put("minimum", 1).put("maximum", 4294967295L)));
    target.putArray("required").add("service").add("weight");
    ObjectNode split = JSON.createObjectNode().put("type", "array").put("minItems", 1)
        .put("description", "Weighted services; weights are relative.");
    split.set("items", target);
    props.set("split", split);
    ObjectNode mirror = object("A copy of some requests to a service; its replies are dropped.");
    mirror.putObject("properties").setAll(java.util.Map.of(
        "service", string("A service of the mesh that has no routes of its own."),
        "percent", JSON.createObjectNode().put("type", "number").put("exclusiveMinimum", 0).put("maximum", 100)
            .put("description", "Share of requests copied (default 100).")));
    mirror.putArray("required").add("service");
    props.set("mirror", mirror);
    ObjectNode rewrite = object("Replaces the matched prefix (or path) before forwarding.");
    rewrite.putObject("properties").set("prefix", string("The new prefix, starting with /."));
    rewrite.putArray("required").add("prefix");
    props.set("rewrite", rewrite);
    for (String key : RouteReader.POLICY_KEYS.stream().sorted().toList()) {
      AnnotationKey annotation = AnnotationKey.named(key).orElseThrow();
      ObjectNode value = props.putObject(key);
      value.putArray("type").add("string").add("number");
      value.put("description", annotation.effect() + " Value: " + annotation.kind().description()
          + ". Default: the service's annotation, else " + annotation.defaultText() + ".");
    }
    route.putArray("required").add("match");
    ArrayNode oneOf = route.putArray("oneOf");
    oneOf.addObject().putArray("required").add("to");
    oneOf.addObject().putArray("required").add("split");
    definitions.set("route", route);
    definitions.set("headerMatches", valueMatches("Header name to condition; a plain string is an exact match.",
        RouteReader.HEADER_KINDS));
    definitions.set("queryMatches", valueMatches("Query parameter to condition; a plain string is an exact match.",
        RouteReader.QUERY_KINDS));
  }

  private static ObjectNode match() {
    ObjectNode match = object("What a request must look like; every condition must hold. Give one of prefix,"
        + " path or regex (default prefix /).");
    ObjectNode props = match.putObject("properties");
    props.set("prefix", string("The path starts with this, which starts with /."));
    props.set("path", string("The path (without the query) is exactly this."));
    props.set("regex", string("The whole path matches this RE2 expression."));
    props.set("headers", ref("headerMatches"));
    props.set("query", ref("queryMatches"));
    ObjectNode methods = JSON.createObjectNode().put("type", "array").put("uniqueItems", true)
        .put("description", "The request's method is one of these.");
    methods.putObject("items").put("type", "string").put("pattern", "^[A-Z]+$");
    props.set("methods", methods);
    return match;
  }

  private static ObjectNode valueMatches(String description, java.util.Set<String> kinds) {
    ObjectNode node = JSON.createObjectNode().put("type", "object").put("description", description);
    ArrayNode anyOf = node.putObject("additionalProperties").putArray("anyOf");
    anyOf.addObject().put("type", "string");
    ObjectNode spec = anyOf.addObject().put("type", "object").put("additionalProperties", false)
        .put("minProperties", 1).put("maxProperties", 1);
    ObjectNode props = spec.putObject("properties");
    for (String kind : kinds.stream().sorted().toList()) {
      if (kind.equals("present") || kind.equals("absent")) {
        props.putObject(kind).put("const", true);
      } else {
        props.set(kind, string(kind.equals("regex") ? "An RE2 expression the whole value matches." : "The value."));
      }
    }
    return node;
  }

  private static ObjectNode object(String description) {
    return JSON.createObjectNode().put("type", "object").put("description", description)
        .put("additionalProperties", false);
  }

  private static ObjectNode string(String description) {
    return JSON.createObjectNode().put("type", "string").put("description", description);
  }

  private static ObjectNode ref(String name) {
    return JSON.createObjectNode().put("$ref", "#/definitions/" + name);
  }
}
