package dev.bent.watch;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command lines of README.md: every line of a {@code sh} block, and every line of an unmarked
 * block that starts like a bent command ({@code bin/bent}, {@code bent}, {@code $ bent}), grouped
 * by the block they stand in, in order.
 */
final class ReadmeCommands {
  private static final Pattern BLOCK = Pattern.compile("(?ms)^ *```(\\w*)\\n(.*?)^ *```");
  private static final Pattern BENT_LINE = Pattern.compile("^(\\$ )?(\\S*/)?(bin/)?bent( +[-a-z].*)?$");
  /** An arrow of a diagram, which shows commands side by side rather than a command line. */
  private static final Pattern ARROW = Pattern.compile("\\s-+>\\s");
  /** A word that stands for a value the reader chooses (MESH.yaml, DIR, NAME, COMMAND, ...). */
  private static final Pattern PLACEHOLDER = Pattern.compile("^[A-Z][A-Z0-9_]*(\\.\\.\\.|\\.yaml)?$");

  /** One fenced block's commands, {@code script} when it is a whole shell script. */
  record Block(int line, List<String> commands, boolean script, String text) {}

  private ReadmeCommands() {}

  static List<Block> blocks(String readme) {
    List<Block> blocks = new ArrayList<>();
    Matcher m = BLOCK.matcher(readme);
    while (m.find()) {
      String lang = m.group(1);
      String body = m.group(2).lines().map(String::strip).reduce("", (a, b) -> a + b + "\n");
      int line = 1 + (int) readme.substring(0, m.start()).chars().filter(c -> c == '\n').count();
      List<String> commands = new ArrayList<>();
      if (lang.equals("sh")) {
        if (body.startsWith("#!")) {
          blocks.add(new Block(line, List.of(), true, body));
          continue;
        }
        body.lines().map(ReadmeCommands::withoutComment).filter(l -> !l.isBlank()).forEach(commands::add);
      } else if (lang.isEmpty()) {
        for (String l : body.lines().toList()) {
          if (ARROW.matcher(l).find()) {
            diagramCommands(l).forEach(commands::add);
          } else if (l.startsWith("$ ") || BENT_LINE.matcher(withoutComment(l)).matches()) {
            commands.add(withoutComment(l));
          }
        }
      }
      if (!commands.isEmpty()) {
        blocks.add(new Block(line, commands, false, body));
      }
    }
    return blocks;
  }

  /** The line without a trailing {@code # comment} (outside quotes) and without a {@code $ } prompt. */
  static String withoutComment(String line) {
    String l = line.startsWith("$ ") ? line.substring(2) : line;
    boolean quoted = false;
    for (int i = 0; i < l.length(); i++) {
      char c = l.charAt(i);
      if (c == '"' || c == '\'') {
        quoted = !quoted;
      } else if (c == '#' && !quoted && (i == 0 || l.charAt(i - 1) == ' ')) {
        return l.substring(0, i).strip();
      }
    }
    return l.strip();
  }

  private static final Pattern ARGV = Pattern.compile(
      "\\[\"(?:compile|watch|scan)\"(?:\\s*,\\s*\"[^\"]*\")*\\s*\\]");

  /**
   * The bent command lines written as JSON arrays (a task definition's {@code command}, and the
   * same form in the text), as argument lists.
   */
  static List<List<String>> argvs(String readme) {
    List<List<String>> argvs = new ArrayList<>();
    Matcher m = ARGV.matcher(readme);
    while (m.find()) {
      List<String> argv = new ArrayList<>();
      Matcher word = Pattern.compile("\"([^\"]*)\"").matcher(m.group());
      while (word.find()) {
        argv.add(word.group(1));
      }
      argvs.add(argv);
    }
    return argvs;
  }

  /**
   * The bent commands in a line of a diagram, each marked as a synopsis with a trailing {@code
   * ...} since a diagram abbreviates its values: the text from each "bent " to the next arrow.
   */
  static List<String> diagramCommands(String line) {
    List<String> commands = new ArrayList<>();
    for (String part : ARROW.split(line)) {
      int at = part.indexOf("bent ");
      if (at >= 0) {
        commands.add(part.substring(at).strip() + " ...");
      }
    }
    return commands;
  }

  /** The words without the optional parts in brackets ({@code [--days 90]}, {@code [--node NAME]...}). */
  static List<String> withoutOptionalParts(List<String> words) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    for (String w : words) {
      depth += w.startsWith("[") ? 1 : 0;
      if (depth == 0) {
        out.add(w);
      }
      depth -= w.endsWith("]") || w.endsWith("]...") ? 1 : 0;
    }
    return out;
  }

  /** Whether a bent line is a synopsis (placeholders, optional parts, alternatives), not a command to run. */
  static boolean isSynopsis(List<String> words) {
    return words.stream().anyMatch(w -> w.contains("[") || w.equals("|") || w.endsWith("...")
        || PLACEHOLDER.matcher(w).matches());
  }

  /** Splits a command line into words as sh would for these simple lines (quotes, no expansion). */
  static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (char c : line.toCharArray()) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        inWord = true;
      } else if (c == ' ') {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }
}
