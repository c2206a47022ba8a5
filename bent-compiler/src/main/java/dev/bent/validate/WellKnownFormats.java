package dev.bent.validate;

import dev.bent.ir.Addresses;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * The PGV {@code well_known} string formats: host names, e-mail addresses, IP literals, URIs,
 * UUIDs and HTTP header names/values. None of them touches the network. Host names and IP literals
 * are {@link Addresses}' definitions, the ones bent applies to its own input.
 */
final class WellKnownFormats {

    private static final Pattern UUID = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\z");
    // The expressions protoc-gen-validate generates for KnownRegex (the class `+-.` is a range),
    // with RE2's end-of-text `$` written as `\z`.
    private static final Pattern HEADER_NAME_STRICT =
            Pattern.compile("^:?[0-9a-zA-Z!#$%&'*+-.^_|~\\x60]+\\z");
    private static final Pattern HEADER_VALUE_STRICT =
            Pattern.compile("^[^\\u0000-\\u0008\\u000A-\\u001F\\u007F]*\\z");
    private static final Pattern HEADER_LOOSE = Pattern.compile("^[^\\u0000\\u000A\\u000D]*\\z");

    private WellKnownFormats() {
    }

    static boolean isHostname(String text) {
        return Addresses.isDnsName(text);
    }

    static boolean isEmail(String text) {
        String address = text;
        int open = text.lastIndexOf('<');
        if (open >= 0 && text.endsWith(">")) {
            address = text.substring(open + 1, text.length() - 1);
        }
        if (address.length() > 254) {
            return false;
        }
        int at = address.lastIndexOf('@');
        if (at <= 0 || at > 64 || at == address.length() - 1) {
            return false;
        }
        String local = address.substring(0, at);
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (c <= ' ' || c == '@' || c == '<' || c == '>' || c == '"' || c == 127) {
                return false;
            }
        }
        return isHostname(address.substring(at + 1));
    }

    static boolean isIpv4(String text) {
        return Addresses.isIpv4(text);
    }

    static boolean isIpv6(String text) {
        return Addresses.isIpv6(text);
    }

    static boolean isIp(String text) {
        return Addresses.isIpLiteral(text);
    }

    static boolean isUri(String text) {
        try {
            return new URI(text).isAbsolute();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    static boolean isUriReference(String text) {
        try {
            new URI(text);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    static boolean isUuid(String text) {
        return UUID.matcher(text).matches();
    }

    static boolean isHeaderName(String text, boolean strict) {
        return (strict ? HEADER_NAME_STRICT : HEADER_LOOSE).matcher(text).find();
    }

    static boolean isHeaderValue(String text, boolean strict) {
        return (strict ? HEADER_VALUE_STRICT : HEADER_LOOSE).matcher(text).find();
    }
}
