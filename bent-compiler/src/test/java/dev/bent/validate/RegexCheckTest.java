package dev.bent.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.UInt32Value;
import com.google.re2j.Pattern;
import io.envoyproxy.envoy.config.route.v3.RouteMatch;
import io.envoyproxy.envoy.type.matcher.v3.RegexMatcher;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Regexes are compiled as Envoy compiles them, with re2j standing in for RE2. */
class RegexCheckTest {
  static List<RuleViolation> check(RegexMatcher regex) {
    return ValueCompileChecks.check(RouteMatch.newBuilder().setSafeRegex(regex).build());
  }

  static RegexMatcher regex(String regex) {
    return RegexMatcher.newBuilder().setRegex(regex).build();
  }

  @Test
  void regexRe2CompilesPasses() {
    assertEquals(List.of(), check(regex("^/api/v[0-9]+/(users|orders)/[^/]+$")));
  }

  @Test
  void regexRe2RefusesIsAnError() {
    List<RuleViolation> found = check(regex("^/api/(?=lookahead)"));
    assertEquals(1, found.size(), found::toString);
    assertEquals("safe_regex.regex", found.get(0).path());
    assertTrue(!found.get(0).warning() && found.get(0).message().startsWith("\"^/api/(?=lookahead)\" is not a valid"
        + " RE2 regex"), found.get(0)::describe);
  }

  @Test
  void largeProgramIsAWarningThatSaysItIsAnApproximation() {
    List<RuleViolation> found = check(regex("^[a-z]{60}[0-9]{60}$"));
    assertEquals(1, found.size(), found::toString);
    assertTrue(found.get(0).warning(), found.get(0)::describe);
    assertEquals("re2.program_size", found.get(0).rule());
    assertTrue(found.get(0).message().contains("an approximation with re2j"), found.get(0)::describe);
  }

  @Test
  void programSizeLimitComesFromGoogleRe2WhenSet() {
    @SuppressWarnings("deprecation")
    RegexMatcher.GoogleRE2 limit = RegexMatcher.GoogleRE2.newBuilder().setMaxProgramSize(UInt32Value.of(1000)).build();
    assertEquals(List.of(), check(regex("^[a-z]{60}[0-9]{60}$").toBuilder().setGoogleRe2(limit).build()));
  }

  @Test
  void programSizeIsMeasuredOnRe2jsProgram() {
    int small = RegexCheck.programSize(Pattern.compile("^/ping$")).orElseThrow();
    int large = RegexCheck.programSize(Pattern.compile("^[a-z]{60}[0-9]{60}$")).orElseThrow();
    assertTrue(small < 20 && large > 100, small + " " + large);
  }
}
