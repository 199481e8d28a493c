package dev.tessera.verify;

/**
 * The answer to "is this developer token good for this request?": a {@link Grant}, or a
 * {@link Refused} answer. Grants and plain denials are shared, immutable objects, so the usual
 * paths allocate no verdict.
 */
public sealed interface Verdict permits Grant, Refused {

    default boolean granted() {
        return this instanceof Grant;
    }
}
