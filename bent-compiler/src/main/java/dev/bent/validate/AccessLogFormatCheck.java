package dev.bent.validate;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.bent.diag.Suggestions;
import io.envoyproxy.envoy.config.core.v3.SubstitutionFormatString;
import io.envoyproxy.envoy.config.core.v3.TypedExtensionConfig;
import io.envoyproxy.envoy.extensions.access_loggers.file.v3.FileAccessLog;
import io.envoyproxy.envoy.extensions.formatter.cel.v3.Cel;
import io.envoyproxy.envoy.extensions.formatter.metadata.v3.Metadata;
import io.envoyproxy.envoy.extensions.formatter.req_without_query.v3.ReqWithoutQuery;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;

/**
 * Checks access-log format strings the way Envoy parses them at load: every {@code
 * SubstitutionFormatString} ({@code text_format}, inline {@code text_format_source}, the string
 * values of {@code json_format}) and the older {@code format}/{@code json_format}/{@code
 * typed_json_format} of the file access log.
 *
 * <p>Envoy's rule ({@code source/common/formatter/substitution_formatter.cc},
 * SubstitutionFormatParser::parse): {@code %%} is a literal percent sign; any other {@code %} must
 * start a command {@code %NAME%}, {@code %NAME(arg)%} or {@code %NAME(arg):N%} ("Couldn't find
 * valid command at position N"), and NAME must be a known command ("Not supported field in
 * StreamInfo: NAME"). Known are the built-in commands ({@link #BUILT_IN}) and those of the formatter
 * extensions listed in {@code formatters}; with an extension bent does not know, unknown names are
 * not reported.
 */
final class AccessLogFormatCheck {
  static final Set<String> TYPES =
      Set.of(SubstitutionFormatString.getDescriptor().getFullName(), FileAccessLog.getDescriptor().getFullName());

  /** The command syntax of Envoy's parser (substitution_formatter.cc, commandWithArgsRegex). */
  private static final java.util.regex.Pattern COMMAND =
      java.util.regex.Pattern.compile("%((?:[A-Z]|[0-9]|_)+)(?:\\((.*?)\\))?(?::([0-9]+))?%");

  /**
   * The built-in commands: those of Envoy's stream-info table (source/common/formatter/
   * stream_info_formatter.cc, getKnownStreamInfoFormatterProviders) and HTTP table
   * (source/common/formatter/http_specific_formatter.cc, getKnownFormatters). Envoy 1.30 knows all
   * that its access-log documentation lists; the few added by later releases are accepted too, so
   * a valid 1.30 format is never refused.
   */
  static final Set<String> BUILT_IN = Set.of(
      // HTTP-specific
      "REQ", "RESP", "TRAILER", "REQUEST_HEADER", "RESPONSE_HEADER", "RESPONSE_TRAILER", "LOCAL_REPLY_BODY",
      "ACCESS_LOG_TYPE", "GRPC_STATUS", "GRPC_STATUS_NUMBER", "REQUEST_HEADERS_BYTES", "RESPONSE_HEADERS_BYTES",
      "RESPONSE_TRAILERS_BYTES", "STREAM_INFO_REQ", "TRACE_ID", "QUERY_PARAM", "PATH",
      // durations and sizes
      "REQUEST_DURATION", "REQUEST_TX_DURATION", "RESPONSE_DURATION", "RESPONSE_TX_DURATION",
      "DOWNSTREAM_HANDSHAKE_DURATION", "ROUNDTRIP_DURATION", "DURATION", "COMMON_DURATION",
      "UPSTREAM_CONNECTION_POOL_READY_DURATION", "BYTES_RECEIVED", "BYTES_SENT", "BYTES_RETRANSMITTED",
      "PACKETS_RETRANSMITTED", "UPSTREAM_WIRE_BYTES_RECEIVED", "UPSTREAM_HEADER_BYTES_RECEIVED",
      "UPSTREAM_DECOMPRESSED_HEADER_BYTES_RECEIVED", "DOWNSTREAM_WIRE_BYTES_RECEIVED",
      "DOWNSTREAM_HEADER_BYTES_RECEIVED", "DOWNSTREAM_DECOMPRESSED_HEADER_BYTES_RECEIVED",
      "UPSTREAM_WIRE_BYTES_SENT", "UPSTREAM_HEADER_BYTES_SENT", "UPSTREAM_DECOMPRESSED_HEADER_BYTES_SENT",
      "DOWNSTREAM_WIRE_BYTES_SENT", "DOWNSTREAM_HEADER_BYTES_SENT", "DOWNSTREAM_DECOMPRESSED_HEADER_BYTES_SENT",
      // protocol and response
      "PROTOCOL", "UPSTREAM_PROTOCOL", "RESPONSE_CODE", "RESPONSE_CODE_DETAILS", "CONNECTION_TERMINATION_DETAILS",
      "CUSTOM_FLAGS", "RESPONSE_FLAGS", "RESPONSE_FLAGS_LONG", "ROUTE_NAME", "VIRTUAL_CLUSTER_NAME",
      "FILTER_CHAIN_NAME", "REQUESTED_SERVER_NAME", "HOSTNAME", "UNIQUE_ID", "STREAM_ID", "CONNECTION_ID",
      // upstream
      "UPSTREAM_HOST", "UPSTREAM_HOST_NAME", "UPSTREAM_HOST_NAME_WITHOUT_PORT", "UPSTREAM_CONNECTION_ID",
      "UPSTREAM_CLUSTER", "UPSTREAM_CLUSTER_RAW", "UPSTREAM_LOCAL_ADDRESS", "UPSTREAM_LOCAL_ADDRESS_WITHOUT_PORT",
      "UPSTREAM_LOCAL_PORT", "UPSTREAM_REMOTE_ADDRESS", "UPSTREAM_REMOTE_ADDRESS_WITHOUT_PORT",
      "UPSTREAM_REMOTE_PORT", "UPSTREAM_REQUEST_ATTEMPT_COUNT", "UPSTREAM_TRANSPORT_FAILURE_REASON",
      "UPSTREAM_TLS_CIPHER", "UPSTREAM_TLS_VERSION", "UPSTREAM_TLS_SESSION_ID", "UPSTREAM_PEER_ISSUER",
      "UPSTREAM_PEER_CERT", "UPSTREAM_PEER_SUBJECT", "UPSTREAM_PEER_URI_SAN", "UPSTREAM_PEER_DNS_SAN",
      "UPSTREAM_PEER_IP_SAN", "UPSTREAM_LOCAL_URI_SAN", "UPSTREAM_LOCAL_DNS_SAN", "UPSTREAM_LOCAL_IP_SAN",
      "UPSTREAM_PEER_CERT_V_START", "UPSTREAM_PEER_CERT_V_END", "UPSTREAM_METADATA", "UPSTREAM_FILTER_STATE",
      // downstream
      "DOWNSTREAM_LOCAL_ADDRESS", "DOWNSTREAM_DIRECT_LOCAL_ADDRESS", "DOWNSTREAM_LOCAL_ADDRESS_WITHOUT_PORT",
      "DOWNSTREAM_DIRECT_LOCAL_ADDRESS_WITHOUT_PORT", "DOWNSTREAM_LOCAL_PORT", "DOWNSTREAM_DIRECT_LOCAL_PORT",
      "DOWNSTREAM_REMOTE_ADDRESS", "DOWNSTREAM_REMOTE_ADDRESS_WITHOUT_PORT", "DOWNSTREAM_REMOTE_PORT",
      "DOWNSTREAM_DIRECT_REMOTE_ADDRESS", "DOWNSTREAM_DIRECT_REMOTE_ADDRESS_WITHOUT_PORT",
      "DOWNSTREAM_DIRECT_REMOTE_PORT", "DOWNSTREAM_PEER_URI_SAN", "DOWNSTREAM_PEER_DNS_SAN",
      "DOWNSTREAM_PEER_IP_SAN", "DOWNSTREAM_PEER_EMAIL_SAN", "DOWNSTREAM_PEER_OTHERNAME_SAN",
      "DOWNSTREAM_LOCAL_URI_SAN", "DOWNSTREAM_LOCAL_DNS_SAN", "DOWNSTREAM_LOCAL_IP_SAN",
      "DOWNSTREAM_LOCAL_EMAIL_SAN", "DOWNSTREAM_LOCAL_OTHERNAME_SAN", "DOWNSTREAM_PEER_SUBJECT",
      "DOWNSTREAM_LOCAL_SUBJECT", "DOWNSTREAM_TLS_SESSION_ID", "DOWNSTREAM_TLS_CIPHER", "DOWNSTREAM_TLS_VERSION",
      "DOWNSTREAM_PEER_FINGERPRINT_256", "DOWNSTREAM_PEER_FINGERPRINT_1", "DOWNSTREAM_PEER_SERIAL",
      "DOWNSTREAM_PEER_CHAIN_FINGERPRINTS_256", "DOWNSTREAM_PEER_CHAIN_FINGERPRINTS_1",
      "DOWNSTREAM_PEER_CHAIN_SERIALS", "DOWNSTREAM_PEER_ISSUER", "DOWNSTREAM_PEER_CERT",
      "DOWNSTREAM_TRANSPORT_FAILURE_REASON", "DOWNSTREAM_PEER_CERT_V_START", "DOWNSTREAM_PEER_CERT_V_END",
      "TLS_JA3_FINGERPRINT", "TLS_JA4_FINGERPRINT",
      // time, metadata, state, environment
      "START_TIME", "START_TIME_LOCAL", "EMIT_TIME", "EMIT_TIME_LOCAL", "DYNAMIC_METADATA", "CLUSTER_METADATA",
      "FILTER_STATE", "ENVIRONMENT");

  /** {@link #BUILT_IN} in the order suggestions are looked for in. */
  private static final Set<String> BUILT_IN_SORTED = java.util.Collections.unmodifiableSet(new TreeSet<>(BUILT_IN));

  /** Format strings that parse with only the built-in commands, up to {@link #CLEAN_LIMIT} of them. */
  private static final Set<String> CLEAN = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private static final int CLEAN_LIMIT = 4096;

  /** The commands each formatter extension adds, by its config type. */
  private static final Map<String, String> EXTENSIONS = Map.of(
      Cel.getDescriptor().getFullName(), "CEL",
      Metadata.getDescriptor().getFullName(), "METADATA",
      ReqWithoutQuery.getDescriptor().getFullName(), "REQ_WITHOUT_QUERY");

  private final Findings findings;
  /** The known commands, or null when any command may be known (an unknown extension). */
  private final Set<String> known;

  private AccessLogFormatCheck(Findings findings, Set<String> known) {
    this.findings = findings;
    this.known = known;
  }

  /** Checks one found SubstitutionFormatString or FileAccessLog; other types are ignored. */
  static void check(TypedConfigFinder.Found found, Findings findings) {
    if (found.config() instanceof SubstitutionFormatString format) {
      AccessLogFormatCheck check = new AccessLogFormatCheck(findings, commands(format));
      String at = found.path();
      if (format.hasTextFormat()) {
        check.text(Findings.field(at, "text_format"), format.getTextFormat());
      } else if (format.hasTextFormatSource() && format.getTextFormatSource().hasInlineString()) {
        check.text(Findings.field(at, "text_format_source.inline_string"), format.getTextFormatSource().getInlineString());
      } else if (format.hasJsonFormat()) {
        check.struct(Findings.field(at, "json_format"), format.getJsonFormat());
      }
    } else if (found.config() instanceof FileAccessLog log) {
      AccessLogFormatCheck check = new AccessLogFormatCheck(findings, BUILT_IN);
      @SuppressWarnings("deprecation")
      FileAccessLog old = log;
      if (old.getAccessLogFormatCase() == FileAccessLog.AccessLogFormatCase.FORMAT) {
        check.text(Findings.field(found.path(), "format"), old.getFormat());
      } else if (old.getAccessLogFormatCase() == FileAccessLog.AccessLogFormatCase.JSON_FORMAT) {
        check.struct(Findings.field(found.path(), "json_format"), old.getJsonFormat());
      } else if (old.getAccessLogFormatCase() == FileAccessLog.AccessLogFormatCase.TYPED_JSON_FORMAT) {
        check.struct(Findings.field(found.path(), "typed_json_format"), old.getTypedJsonFormat());
      }
    }
  }

  private static Set<String> commands(SubstitutionFormatString format) {
    if (format.getFormattersCount() == 0) {
      return BUILT_IN_SORTED;
    }
    Set<String> all = new TreeSet<>(BUILT_IN);
    for (TypedExtensionConfig formatter : format.getFormattersList()) {
      String url = formatter.getTypedConfig().getTypeUrl();
      String command = EXTENSIONS.get(url.substring(url.lastIndexOf('/') + 1));
      if (command == null) {
        return null;
      }
      all.add(command);
    }
    return all;
  }

  private void struct(String path, Struct struct) {
    struct.getFieldsMap().forEach((key, value) -> value(Findings.key(path, key), value));
  }

  private void value(String path, Value value) {
    switch (value.getKindCase()) {
      case STRING_VALUE -> text(path, value.getStringValue());
      case STRUCT_VALUE -> struct(path, value.getStructValue());
      case LIST_VALUE -> list(path, value.getListValue());
      default -> { }
    }
  }

  private void list(String path, ListValue list) {
    for (int i = 0; i < list.getValuesCount(); i++) {
      value(Findings.index(path, i), list.getValues(i));
    }
  }

  /** Up to 16 characters of {@code format} from {@code at}, control characters escaped, for one line. */
  private static String excerpt(String format, int at) {
    String piece = format.substring(at, Math.min(format.length(), at + 16));
    return piece.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
        .replace("\"", "\\\"");
  }

  /**
   * Parses one format string as Envoy does and reports the first thing it would refuse. A format
   * found clean against the built-in commands is remembered: every node of a mesh logs in the same
   * formats.
   */
  void text(String path, String format) {
    boolean builtIn = known == BUILT_IN || known == BUILT_IN_SORTED;
    if (builtIn && CLEAN.contains(format)) {
      return;
    }
    int before = findings.size();
    parse(path, format);
    if (builtIn && findings.size() == before && CLEAN.size() < CLEAN_LIMIT) {
      CLEAN.add(format);
    }
  }

  private void parse(String path, String format) {
    Matcher command = COMMAND.matcher(format);
    int pos = 0;
    while (pos < format.length()) {
      int percent = format.indexOf('%', pos);
      if (percent < 0) {
        return;
      }
      if (percent + 1 < format.length() && format.charAt(percent + 1) == '%') {
        pos = percent + 2;
        continue;
      }
      if (!command.region(percent, format.length()).lookingAt()) {
        findings.error(path, "format.command", "no valid command at position " + percent + " (at \""
            + excerpt(format, percent) + "\"); a command is %NAME%, %NAME(arg)% or %NAME(arg):N%, and a literal %"
            + " is written %% (Envoy: \"Couldn't find valid command\")");
        return;
      }
      String name = command.group(1);
      if (known != null && !known.contains(name)) {
        findings.error(path, "format.command", "unknown command %" + name + "%"
            + Suggestions.didYouMean(name, known) + " (Envoy: \"Not supported field in StreamInfo: " + name + "\")");
      }
      pos = command.end();
    }
  }
}
