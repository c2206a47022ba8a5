package dev.bent.validate;

import com.google.protobuf.ByteString;
import io.envoyproxy.pgv.validate.Validate;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The PGV string and bytes rules. Lengths in characters count Unicode code points, as PGV does. */
final class StringRules {

    private static final Map<String, Optional<Pattern>> PATTERNS = new ConcurrentHashMap<>();
    private static final Pattern MULTI_LINE_FLAG = Pattern.compile("\\(\\?[a-zA-Z]*m");

    private StringRules() {
    }

    static void check(Validate.StringRules r, String s, String path, Findings out) {
        if (r.getIgnoreEmpty() && s.isEmpty()) {
            return;
        }
        String got = ", got " + quote(s);
        if (r.hasConst() && !s.equals(r.getConst())) {
            out.error(path, "string.const", "must equal " + quote(r.getConst()) + got);
        }
        long chars = s.codePointCount(0, s.length());
        long bytes = s.getBytes(StandardCharsets.UTF_8).length;
        if (r.hasLen() && chars != r.getLen()) {
            out.error(path, "string.len", "must be exactly " + r.getLen() + " characters long" + got);
        }
        if (r.hasMinLen() && chars < r.getMinLen()) {
            out.error(path, "string.min_len", "must be at least " + r.getMinLen() + " characters long" + got);
        }
        if (r.hasMaxLen() && chars > r.getMaxLen()) {
            out.error(path, "string.max_len", "must be at most " + r.getMaxLen() + " characters long" + got);
        }
        if (r.hasLenBytes() && bytes != r.getLenBytes()) {
            out.error(path, "string.len_bytes", "must be exactly " + r.getLenBytes() + " bytes long" + got);
        }
        if (r.hasMinBytes() && bytes < r.getMinBytes()) {
            out.error(path, "string.min_bytes", "must be at least " + r.getMinBytes() + " bytes long" + got);
        }
        if (r.hasMaxBytes() && bytes > r.getMaxBytes()) {
            out.error(path, "string.max_bytes", "must be at most " + r.getMaxBytes() + " bytes long" + got);
        }
        if (r.hasPattern()) {
            checkPattern("string", r.getPattern(), s, path, out);
        }
        if (r.hasPrefix() && !s.startsWith(r.getPrefix())) {
            out.error(path, "string.prefix", "must start with " + quote(r.getPrefix()) + got);
        }
        if (r.hasSuffix() && !s.endsWith(r.getSuffix())) {
            out.error(path, "string.suffix", "must end with " + quote(r.getSuffix()) + got);
        }
        if (r.hasContains() && !s.contains(r.getContains())) {
            out.error(path, "string.contains", "must contain " + quote(r.getContains()) + got);
        }
        if (r.hasNotContains() && s.contains(r.getNotContains())) {
            out.error(path, "string.not_contains", "must not contain " + quote(r.getNotContains()) + got);
        }
        if (r.getInCount() > 0 && !r.getInList().contains(s)) {
            out.error(path, "string.in", "must be one of " + r.getInList() + got);
        }
        if (r.getNotInList().contains(s)) {
            out.error(path, "string.not_in", "must not be one of " + r.getNotInList() + got);
        }
        checkWellKnown(r, s, path, got, out);
    }

    private static void checkWellKnown(Validate.StringRules r, String s, String path, String got,
                                       Findings out) {
        String rule;
        boolean ok;
        switch (r.getWellKnownCase()) {
            case EMAIL -> { rule = r.getEmail() ? "email" : null; ok = WellKnownFormats.isEmail(s); }
            case HOSTNAME -> { rule = r.getHostname() ? "hostname" : null; ok = WellKnownFormats.isHostname(s); }
            case IP -> { rule = r.getIp() ? "ip" : null; ok = WellKnownFormats.isIp(s); }
            case IPV4 -> { rule = r.getIpv4() ? "ipv4" : null; ok = WellKnownFormats.isIpv4(s); }
            case IPV6 -> { rule = r.getIpv6() ? "ipv6" : null; ok = WellKnownFormats.isIpv6(s); }
            case URI -> { rule = r.getUri() ? "uri" : null; ok = WellKnownFormats.isUri(s); }
            case URI_REF -> { rule = r.getUriRef() ? "uri_ref" : null; ok = WellKnownFormats.isUriReference(s); }
            case ADDRESS -> {
                rule = r.getAddress() ? "address" : null;
                ok = WellKnownFormats.isHostname(s) || WellKnownFormats.isIp(s);
            }
            case UUID -> { rule = r.getUuid() ? "uuid" : null; ok = WellKnownFormats.isUuid(s); }
            case WELL_KNOWN_REGEX -> {
                Validate.KnownRegex regex = r.getWellKnownRegex();
                rule = regex == Validate.KnownRegex.UNKNOWN ? null : "well_known_regex";
                ok = regex == Validate.KnownRegex.HTTP_HEADER_NAME
                        ? WellKnownFormats.isHeaderName(s, r.getStrict())
                        : WellKnownFormats.isHeaderValue(s, r.getStrict());
                if (rule != null && !ok) {
                    String what = regex == Validate.KnownRegex.HTTP_HEADER_NAME ? "name" : "value";
                    out.error(path, "string.well_known_regex", "must be a valid HTTP header " + what
                            + (r.getStrict() ? "" : " (non-strict)") + got);
                }
                return;
            }
            default -> { return; }
        }
        if (rule != null && !ok) {
            out.error(path, "string." + rule, "must be a valid " + rule.replace('_', ' ') + got);
        }
    }

    static void check(Validate.BytesRules r, ByteString b, String path, Findings out) {
        if (r.getIgnoreEmpty() && b.isEmpty()) {
            return;
        }
        String got = ", got " + b.size() + " bytes";
        if (r.hasConst() && !b.equals(r.getConst())) {
            out.error(path, "bytes.const", "must equal the configured constant" + got);
        }
        if (r.hasLen() && b.size() != r.getLen()) {
            out.error(path, "bytes.len", "must be exactly " + r.getLen() + " bytes long" + got);
        }
        if (r.hasMinLen() && b.size() < r.getMinLen()) {
            out.error(path, "bytes.min_len", "must be at least " + r.getMinLen() + " bytes long" + got);
        }
        if (r.hasMaxLen() && b.size() > r.getMaxLen()) {
            out.error(path, "bytes.max_len", "must be at most " + r.getMaxLen() + " bytes long" + got);
        }
        if (r.hasPattern()) {
            checkPattern("bytes", r.getPattern(), b.toStringUtf8(), path, out);
        }
        if (r.hasPrefix() && !b.startsWith(r.getPrefix())) {
            out.error(path, "bytes.prefix", "must start with the configured prefix" + got);
        }
        if (r.hasSuffix() && !b.endsWith(r.getSuffix())) {
            out.error(path, "bytes.suffix", "must end with the configured suffix" + got);
        }
        if (r.hasContains() && indexOf(b, r.getContains()) < 0) {
            out.error(path, "bytes.contains", "must contain the configured bytes" + got);
        }
        if (r.getInCount() > 0 && !r.getInList().contains(b)) {
            out.error(path, "bytes.in", "must be one of the configured values" + got);
        }
        if (r.getNotInList().contains(b)) {
            out.error(path, "bytes.not_in", "must not be one of the configured values" + got);
        }
        switch (r.getWellKnownCase()) {
            case IP -> {
                if (r.getIp() && b.size() != 4 && b.size() != 16) {
                    out.error(path, "bytes.ip", "must be a valid IP address in byte form" + got);
                }
            }
            case IPV4 -> {
                if (r.getIpv4() && b.size() != 4) {
                    out.error(path, "bytes.ipv4", "must be a valid IPv4 address in byte form" + got);
                }
            }
            case IPV6 -> {
                if (r.getIpv6() && b.size() != 16) {
                    out.error(path, "bytes.ipv6", "must be a valid IPv6 address in byte form" + got);
                }
            }
            default -> { }
        }
    }

    private static void checkPattern(String kind, String regex, String s, String path, Findings out) {
        Optional<Pattern> pattern = compile(regex);
        if (pattern.isEmpty()) {
            out.warning(path, kind + ".pattern", "pattern " + quote(regex) + " cannot be evaluated in Java");
        } else if (!pattern.get().matcher(s).find()) {
            out.error(path, kind + ".pattern", "must match pattern " + quote(regex) + ", got " + quote(s));
        }
    }

    /** Compiles an RE2 expression as a java.util.regex pattern, caching the result. */
    static Optional<Pattern> compile(String re2) {
        return PATTERNS.computeIfAbsent(re2, StringRules::translate);
    }

    /**
     * Java differs from RE2 where it matters here: RE2's {@code $} (without the m flag) matches only
     * at the end of the text, Java's also before a final line break, and RE2 names groups with
     * {@code (?P<name>)}. Under RE2's multi-line flag {@code $} keeps its line meaning.
     */
    private static Optional<Pattern> translate(String re2) {
        boolean multiLine = MULTI_LINE_FLAG.matcher(re2).find();
        StringBuilder java = new StringBuilder(re2.length() + 8);
        boolean inClass = false;
        for (int i = 0; i < re2.length(); i++) {
            char c = re2.charAt(i);
            if (c == '\\' && i + 1 < re2.length()) {
                java.append(c).append(re2.charAt(++i));
            } else if (inClass) {
                inClass = c != ']';
                java.append(c);
            } else if (c == '[') {
                inClass = true;
                java.append(c);
                if (i + 1 < re2.length() && re2.charAt(i + 1) == '^') {
                    java.append(re2.charAt(++i));
                }
                if (i + 1 < re2.length() && re2.charAt(i + 1) == ']') {
                    java.append("\\]");
                    i++;
                }
            } else if (c == '$' && !multiLine) {
                java.append("\\z");
            } else if (re2.startsWith("(?P<", i)) {
                java.append("(?<");
                i += 3;
            } else {
                java.append(c);
            }
        }
        try {
            return Optional.of(Pattern.compile(java.toString()));
        } catch (PatternSyntaxException e) {
            return Optional.empty();
        }
    }

    private static int indexOf(ByteString haystack, ByteString needle) {
        outer:
        for (int i = 0; i + needle.size() <= haystack.size(); i++) {
            for (int j = 0; j < needle.size(); j++) {
                if (haystack.byteAt(i + j) != needle.byteAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static String quote(String s) {
        String shown = s.length() > 80 ? s.substring(0, 77) + "..." : s;
        return "\"" + shown.replace("\n", "\\n").replace("\r", "\\r") + "\"";
    }
}
