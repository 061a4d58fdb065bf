package dev.parceler.laravel;

import dev.parceler.failure.ExplainedFailure;

/** Why {@code import:laravel} cannot start: the database or the storage given is not a Laravel Parceler's. */
public final class MoveInFailure extends ExplainedFailure {
    private static final long serialVersionUID = 1L;

    public MoveInFailure(String message) {
        super(message);
    }
}
