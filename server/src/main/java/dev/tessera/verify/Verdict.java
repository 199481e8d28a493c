package dev.tessera.verify;

/**
 * The answer to "is this developer token good for this request?": a {@link Grant}, or a
 * {@link Refusal} answer. Grants and plain refusals are shared, immutable objects, so the usual
 * paths allocate no verdict.
 */
public sealed interface Verdict permits Grant, Refusal {

    default boolean granted() {
        return this instanceof Grant;
    }
}
