package dev.parceler.snapshot;

import java.util.List;

/** A snapshot was not made because its feed indexes do not match its files. */
public final class FeedCheckException extends RuntimeException {
    private final String repository;
    private final transient List<String> problems;

    public FeedCheckException(String repository, List<String> problems) {
        super(FeedCheck.summary(problems));
        this.repository = repository;
        this.problems = List.copyOf(problems);
    }

    public String repository() {
        return repository;
    }

    public List<String> problems() {
        return problems;
    }
}
