package dev.bent.emit;

/** How a YAML scalar is written. */
enum ScalarStyle {
  PLAIN,
  SINGLE_QUOTED,
  DOUBLE_QUOTED,
  LITERAL
}
