package dev.bent.validate;

import com.google.protobuf.Message;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.envoyproxy.envoy.type.matcher.v3.RegexMatcher;
import java.lang.reflect.Field;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Checks every {@code safe_regex} (Envoy's and xDS's {@code RegexMatcher}) the way Envoy compiles
 * it at load, with re2j, a Java implementation of RE2's syntax.
 *
 * <p>Envoy's rule ({@code source/common/common/regex.cc}, CompiledGoogleReMatcher): a regex RE2
 * does not compile is refused ("Invalid regex"), and so is one whose compiled program is larger
 * than {@code google_re2.max_program_size} when set, else the runtime value {@code
 * re2.max_program_size.error_level} (default 100). re2j cannot measure RE2's program size; the
 * number of instructions of re2j's own program is close but not equal, so a regex over the limit
 * by that measure is a warning that says it is an approximation.
 */
final class RegexCheck {
  static final Set<String> TYPES = Set.of(RegexMatcher.getDescriptor().getFullName(),
      com.github.xds.type.matcher.v3.RegexMatcher.getDescriptor().getFullName());

  /** Envoy's default for re2.max_program_size.error_level. */
  static final int DEFAULT_MAX_PROGRAM_SIZE = 100;

  private RegexCheck() {}

  /** Checks one found RegexMatcher; {@code findings} collects what is wrong. */
  static void check(TypedConfigFinder.Found found, Findings findings) {
    Message config = found.config();
    String regex;
    int limit = DEFAULT_MAX_PROGRAM_SIZE;
    if (config instanceof RegexMatcher envoy) {
      regex = envoy.getRegex();
      if (envoy.getGoogleRe2().hasMaxProgramSize()) {
        limit = envoy.getGoogleRe2().getMaxProgramSize().getValue();
      }
    } else if (config instanceof com.github.xds.type.matcher.v3.RegexMatcher xds) {
      regex = xds.getRegex();
    } else {
      return;
    }
    String path = Findings.field(found.path(), "regex");
    Pattern pattern;
    try {
      pattern = Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      findings.error(path, "re2", "\"" + regex + "\" is not a valid RE2 regex: " + e.getDescription()
          + " (Envoy: \"Invalid regex\")");
      return;
    }
    OptionalInt size = programSize(pattern);
    if (size.isPresent() && size.getAsInt() > limit) {
      findings.warning(path, "re2.program_size", "\"" + regex + "\" compiles to about " + size.getAsInt()
          + " instructions (an approximation with re2j; RE2's count differs), more than the "
          + limit + " Envoy allows by default (re2.max_program_size.error_level); Envoy may refuse it");
    }
  }

  /**
   * The number of instructions of re2j's compiled program, read from re2j's package-private
   * fields (re2j has no public API for it); empty when this re2j version lays them out otherwise.
   */
  static OptionalInt programSize(Pattern pattern) {
    try {
      Object re2 = read(Pattern.class, "re2", pattern);
      Object prog = read(re2.getClass(), "prog", re2);
      return OptionalInt.of((Integer) read(prog.getClass(), "instSize", prog));
    } catch (ReflectiveOperationException | RuntimeException e) {
      return OptionalInt.empty();
    }
  }

  private static Object read(Class<?> type, String name, Object target) throws ReflectiveOperationException {
    Field field = type.getDeclaredField(name);
    field.setAccessible(true);
    return field.get(target);
  }
}
