package dev.bent.validate;

import com.google.protobuf.Message;
import dev.bent.diag.Diagnostic;
import dev.bent.diag.Location;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@link ProtoRuleChecker} on a message that lies in a file and turns each violation into a
 * diagnostic placed in that file, e.g. {@code cds.yaml: error:
 * resources[2].load_assignment.endpoints[0].lb_endpoints[1].load_balancing_weight: must be at least
 * 1, got 0 [uint32.gte]}; then the regexes and access-log formats inside it ({@link
 * ValueCompileChecks}). Deprecations that Envoy allows become warnings.
 */
public final class RuleDiagnostics {
  private RuleDiagnostics() {}

  /**
   * The violations in {@code message}, which lies at {@code field} of {@code file} (for example
   * {@code resources[2]}; empty for a whole document such as a bootstrap).
   */
  public static List<Diagnostic> check(String file, String field, Message message) {
    return check(file, field, message, new CheckMemo());
  }

  /**
   * Like {@link #check(String, String, Message)}, checking each Any payload that earlier checks with
   * the same {@code memo} (one compile) met already only once.
   */
  public static List<Diagnostic> check(String file, String field, Message message, CheckMemo memo) {
    AnyMemo.Verdict verdict = ProtoRuleChecker.checkAll(message, memo.payloads());
    List<Diagnostic> out = new ArrayList<>(verdict.rules().size() + verdict.values().size());
    for (RuleViolation violation : verdict.rules()) {
      out.add(of(file, field, violation));
    }
    for (RuleViolation violation : verdict.values()) {
      out.add(of(file, field, violation));
    }
    return out;
  }

  /** One violation as a diagnostic in {@code file}, its path prefixed with {@code field}. */
  public static Diagnostic of(String file, String field, RuleViolation violation) {
    String path = violation.path().isEmpty() ? field : Findings.field(field, violation.path());
    String text = (path.isEmpty() ? "" : path + ": ") + violation.message() + " [" + violation.rule() + "]";
    Location location = Location.of(file);
    return violation.warning() ? Diagnostic.warning(location, text) : Diagnostic.error(location, text);
  }
}
