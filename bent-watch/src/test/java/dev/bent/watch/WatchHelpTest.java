package dev.bent.watch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WatchHelpTest {
  @Test
  void everyCommandSummaryInTheTopLevelHelpIsOneWholeSentence() {
    Main.commandLine().getSubcommands().forEach((name, sub) -> {
      String first = sub.getCommandSpec().usageMessage().description()[0];
      assertTrue(first.endsWith("."), name + ": \"" + first + "\" is cut off in 'bent --help'");
    });
  }
}
