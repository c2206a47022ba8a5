package dev.bent.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Any;
import io.envoyproxy.envoy.config.core.v3.SubstitutionFormatString;
import io.envoyproxy.envoy.config.core.v3.TypedExtensionConfig;
import io.envoyproxy.envoy.extensions.access_loggers.file.v3.FileAccessLog;
import io.envoyproxy.envoy.extensions.formatter.cel.v3.Cel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Access-log formats are parsed as Envoy parses them at load. */
class AccessLogFormatCheckTest {
  static List<String> problems(FileAccessLog log) {
    return ValueCompileChecks.check(log).stream().map(RuleViolation::describe).toList();
  }

  static FileAccessLog text(String format) {
    return FileAccessLog.newBuilder().setPath("/dev/stdout")
        .setLogFormat(SubstitutionFormatString.newBuilder().setTextFormat(format)).build();
  }

  @Test
  void knownCommandsArgumentsLengthsAndEscapedPercentPass() {
    assertEquals(List.of(), problems(text("%REQ(:PATH):64% %DYNAMIC_METADATA(ns:key)% 50%% %RESPONSE_CODE%\n")));
  }

  @Test
  void unknownCommandIsRefusedWithASuggestion() {
    assertEquals(List.of("error log_format.text_format: unknown command %RESPONSE_COD% (did you mean"
        + " \"RESPONSE_CODE\"?) (Envoy: \"Not supported field in StreamInfo: RESPONSE_COD\") [format.command]"),
        problems(text("%RESPONSE_COD%")));
  }

  @Test
  void lowerCaseCommandIsNotACommand() {
    assertEquals(List.of("error log_format.text_format: no valid command at position 0 (at \"%protocol%\"); a command"
        + " is %NAME%, %NAME(arg)% or %NAME(arg):N%, and a literal % is written %% (Envoy: \"Couldn't find valid"
        + " command\") [format.command]"), problems(text("%protocol%")));
  }

  @Test
  void extensionCommandIsKnownOnlyWithItsFormatter() {
    SubstitutionFormatString cel = SubstitutionFormatString.newBuilder().setTextFormat("%CEL(request.path)%")
        .addFormatters(TypedExtensionConfig.newBuilder().setName("envoy.formatter.cel")
            .setTypedConfig(Any.pack(Cel.getDefaultInstance())))
        .build();
    assertEquals(List.of(), problems(FileAccessLog.newBuilder().setPath("/dev/stdout").setLogFormat(cel).build()));
    assertEquals(1, problems(text("%CEL(request.path)%")).size());
  }

  @Test
  @SuppressWarnings("deprecation")
  void theFileLoggersOlderFormatFieldIsCheckedToo() {
    FileAccessLog old = FileAccessLog.newBuilder().setPath("/dev/stdout").setFormat("%UPSTREAM_HOSTT%\n").build();
    assertEquals(1, ValueCompileChecks.check(old).size());
    assertEquals("format", ValueCompileChecks.check(old).get(0).path());
  }
}
