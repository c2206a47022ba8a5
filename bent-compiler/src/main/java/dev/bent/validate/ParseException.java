package dev.bent.validate;

import java.util.List;
import java.util.stream.Collectors;

/** Checked exception thrown by {@link StrictParser} when a document is not a valid Envoy message. */
public final class ParseException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<ParseProblem> problems;

    /** Creates an exception carrying at least one problem. */
    public ParseException(List<ParseProblem> problems) {
        super(problems.stream().map(ParseProblem::describe).collect(Collectors.joining("; ")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a parse exception needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** Returns the problems found, in document order where known. */
    public List<ParseProblem> problems() {
        return problems;
    }
}
