package dev.bent.cli;

/**
 * Marks a command that only reads and prints (explain, check), so that its error summary does not
 * claim that "nothing was written": it never writes.
 */
interface WritesNothing {}
