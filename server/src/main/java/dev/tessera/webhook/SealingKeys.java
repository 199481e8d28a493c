package dev.tessera.webhook;

/**
 * Keys derived from a server secret that never enters the database. The token feature implements it
 * from the token pepper, so the webhook feature stays before it and the database alone never
 * opens a sealed webhook secret.
 */
public interface SealingKeys {

    /** 32 bytes for {@code purpose}, the same on every node and every start with the same server secret. */
    byte[] derive(String purpose);
}
