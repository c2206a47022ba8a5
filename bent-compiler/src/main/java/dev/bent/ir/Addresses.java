package dev.bent.ir;

/**
 * The one definition of IP literals and DNS names in bent, used for endpoint addresses, service
 * names and the {@code hostname}/{@code ip} formats of Envoy's validation rules. Pure string checks:
 * nothing here resolves a name or touches the network.
 *
 * <pre>
 * 10.0.0.1            IPv4 literal (dotted quad, no leading zeros)
 * fd00::1, ::ffff:10.0.0.1   IPv6 literals (one "::" at most, an IPv4 tail allowed)
 * beta.svc, Beta-1.example.  DNS names (labels of letters, digits and inner '-'; a root dot allowed)
 * </pre>
 */
public final class Addresses {
  private static final int MAX_NAME = 253;
  private static final int MAX_LABEL = 63;

  private Addresses() {}

  /** An IPv4 or IPv6 literal. */
  public static boolean isIpLiteral(String text) {
    return isIpv4(text) || isIpv6(text);
  }

  /** Four decimal numbers 0 to 255 joined by dots, without leading zeros. */
  public static boolean isIpv4(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || !asciiDigits(part)
          || (part.length() > 1 && part.charAt(0) == '0') || Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return true;
  }

  /** Eight groups of one to four hex digits, with one "::" for a run of zero groups and an IPv4 tail. */
  public static boolean isIpv6(String text) {
    if (text.isEmpty() || text.indexOf(':') < 0) {
      return false;
    }
    int doubleColon = text.indexOf("::");
    if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
      return false;
    }
    String[] sections = doubleColon >= 0
        ? new String[] {text.substring(0, doubleColon), text.substring(doubleColon + 2)}
        : new String[] {text};
    int groups = 0;
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
        } else if (isHexGroup(parts[i])) {
          groups++;
        } else {
          return false;
        }
      }
    }
    return doubleColon >= 0 ? groups < 8 : groups == 8;
  }

  /**
   * A DNS name (RFC 1123): at most 253 characters of dot-separated labels, each 1 to 63 ASCII letters,
   * digits and hyphens, neither starting nor ending with a hyphen; one trailing dot (the root) may
   * follow.
   */
  public static boolean isDnsName(String text) {
    String name = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    if (name.isEmpty() || name.length() > MAX_NAME) {
      return false;
    }
    for (String label : name.split("\\.", -1)) {
      if (label.isEmpty() || label.length() > MAX_LABEL || label.startsWith("-") || label.endsWith("-")) {
        return false;
      }
      for (int i = 0; i < label.length(); i++) {
        char c = label.charAt(i);
        if (!(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9') && c != '-') {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * A host name as an endpoint address: a DNS name without the root dot, and not made only of digits
   * and dots (that is a malformed IPv4 address, not a name).
   */
  public static boolean isHostName(String address) {
    return !address.endsWith(".") && isDnsName(address) && !address.matches("[0-9.]+");
  }

  private static boolean asciiDigits(String text) {
    return text.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static boolean isHexGroup(String text) {
    return !text.isEmpty() && text.length() <= 4
        && text.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
  }
}
