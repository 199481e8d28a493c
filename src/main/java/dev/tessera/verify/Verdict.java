package dev.tessera.verify;

/**
 * The answer to "is this developer token good for this request?": either a {@link Grant} or a
 * {@link Denial}. Both are shared, immutable objects, so deciding allocates no verdict.
 */
public sealed interface Verdict permits Grant, Denial {

    default boolean granted() {
        return this instanceof Grant;
    }
}
