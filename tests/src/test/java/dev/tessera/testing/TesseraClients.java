package dev.tessera.testing;

/** HTTP clients of a running Tessera, in this JVM ({@link RunningTessera}) or its own ({@link ChildTessera}). */
public interface TesseraClients {

    /** A client that signs in as nobody; see {@link Api#as}. */
    Api api();

    /** A client signed in as the platform operator. */
    Api operator();
}
