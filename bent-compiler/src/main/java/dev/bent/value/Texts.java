package dev.bent.value;

/** How a value from the input is quoted in a message: in full when short, shortened when long. */
public final class Texts {
  /** Values longer than this are shortened in messages. */
  public static final int MAX_SHOWN = 80;

  private Texts() {}

  /**
   * {@code text} itself when at most {@link #MAX_SHOWN} characters long, otherwise its start and
   * its length, so that a megabyte of input is never printed back.
   */
  public static String shorten(String text) {
    if (text.length() <= MAX_SHOWN) {
      return text;
    }
    int end = MAX_SHOWN - 20;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "... (" + text.length() + " characters)";
  }

  /** Words (runs without spaces) longer than this are shortened by {@link #shortenWords}. */
  static final int MAX_WORD = 200;

  /**
   * {@code message} with every word longer than 200 characters shortened as by {@link #shorten}:
   * a guard for messages that quote the input, whichever step wrote them.
   */
  public static String shortenWords(String message) {
    int run = 0;
    boolean longWord = false;
    for (int i = 0; i < message.length() && !longWord; i++) {
      run = Character.isWhitespace(message.charAt(i)) ? 0 : run + 1;
      longWord = run > MAX_WORD;
    }
    if (!longWord) {
      return message;
    }
    StringBuilder out = new StringBuilder();
    int start = 0;
    for (int i = 0; i <= message.length(); i++) {
      if (i == message.length() || Character.isWhitespace(message.charAt(i))) {
        String word = message.substring(start, i);
        out.append(word.length() > MAX_WORD ? shorten(word) : word);
        if (i < message.length()) {
          out.append(message.charAt(i));
        }
        start = i + 1;
      }
    }
    return out.toString();
  }
}
