package dev.bent.validate;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The PGV {@code well_known} string formats: host names, e-mail addresses, IP literals, URIs,
 * UUIDs and HTTP header names/values. None of them touches the network.
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
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9a-fA-F]{1,4}");

    private WellKnownFormats() {
    }

    static boolean isHostname(String text) {
        String host = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        if (host.isEmpty() || host.length() > 253) {
            return false;
        }
        for (String label : host.toLowerCase(Locale.ROOT).split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '-') {
                    return false;
                }
            }
        }
        return true;
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
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
                    || (part.length() > 1 && part.charAt(0) == '0') || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    static boolean isIpv6(String text) {
        if (text.isEmpty() || text.indexOf(':') < 0) {
            return false;
        }
        int doubleColon = text.indexOf("::");
        if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        String head = doubleColon >= 0 ? text.substring(0, doubleColon) : text;
        String tail = doubleColon >= 0 ? text.substring(doubleColon + 2) : "";
        int groups = 0;
        String[] sections = doubleColon >= 0 ? new String[] {head, tail} : new String[] {head};
        for (int s = 0; s < sections.length; s++) {
            if (sections[s].isEmpty()) {
                continue;
            }
            String[] parts = sections[s].split(":", -1);
            for (int i = 0; i < parts.length; i++) {
                boolean last = s == sections.length - 1 && i == parts.length - 1;
                if (last && parts[i].contains(".")) {
                    if (!isIpv4(parts[i])) {
                        return false;
                    }
                    groups += 2;
                } else if (HEX_GROUP.matcher(parts[i]).matches()) {
                    groups++;
                } else {
                    return false;
                }
            }
        }
        return doubleColon >= 0 ? groups < 8 : groups == 8;
    }

    static boolean isIp(String text) {
        return isIpv4(text) || isIpv6(text);
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
