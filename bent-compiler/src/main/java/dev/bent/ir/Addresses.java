package dev.bent.ir;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Classifies endpoint addresses: IPv4 literal, IPv6 literal, DNS host name, or invalid. */
public final class Addresses {
  private static final Pattern IPV4 =
      Pattern.compile("((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}"
          + "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");
  private static final Pattern HOST_LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

  private Addresses() {}

  public static boolean isIpLiteral(String address) {
    return IPV4.matcher(address).matches() || isIpv6(address);
  }

  /** A host name as DNS allows it: dot-separated labels of letters, digits and inner hyphens. */
  public static boolean isHostName(String address) {
    if (address.isEmpty() || address.length() > 253 || address.endsWith(".")) {
      return false;
    }
    for (String label : address.split("\\.", -1)) {
      if (!HOST_LABEL.matcher(label).matches()) {
        return false;
      }
    }
    // A name made only of digits and dots is a malformed IPv4 address, not a host name.
    return !address.matches("[0-9.]+");
  }

  private static boolean isIpv6(String address) {
    if (address.indexOf(':') < 0 || !IPV6_CHARS.matcher(address).matches()) {
      return false;
    }
    try {
      // With a colon and only hex digits, InetAddress parses a literal and never resolves.
      return InetAddress.getByName(address).getAddress().length == 16;
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
