package dev.bent.resolve;

import dev.bent.ir.Addresses;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules for names users choose: node names become directories, service names host names. Public
 * so that a live source (ECS labels) can reject a bad name at its label, before the resolver.
 */
public final class Names {
  private static final Pattern NODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private Names() {}

  /** Why {@code name} is not a safe node name, or null when it is. */
  public static String nodeNameProblem(String name) {
    if (NODE.matcher(name).matches()) {
      return null;
    }
    return "node name \""
        + name
        + "\" is not a safe directory name: use 1 to 128 letters, digits, '.', '_' or '-',"
        + " starting with a letter or digit";
  }

  /** Why {@code name} is not a valid service name, or null when it is. */
  public static String serviceNameProblem(String name) {
    if (!name.endsWith(".") && Addresses.isDnsName(name) && name.equals(name.toLowerCase(Locale.ROOT))) {
      return null;
    }
    return "service name \""
        + name
        + "\" is not a lowercase DNS name (labels of a-z, 0-9 and inner '-', joined by '.');"
        + " it becomes the Host clients call";
  }
}
