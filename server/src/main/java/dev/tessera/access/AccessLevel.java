package dev.tessera.access;

/**
 * What a developer token may do. New tokens start at {@link #TEST_ACCOUNT}; a reset keeps the
 * level, since the level belongs to the manager account's token lineage, not to a token string.
 */
public enum AccessLevel {
    /** Test client accounts only. */
    TEST_ACCOUNT("Test accounts only; production accounts are refused."),
    /** Production access with a small daily limit; restricted services refused. */
    EXPLORER("Production access with a small daily limit; some services are restricted."),
    /** Production access up to 15,000 operations a day. */
    BASIC("Production access up to 15,000 operations a day."),
    /** Production access without a daily operation limit. */
    STANDARD("Production access without a daily operation limit.");

    private final String meaning;

    AccessLevel(String meaning) {
        this.meaning = meaning;
    }

    /** One line that tells a person what the level allows. */
    public String meaning() {
        return meaning;
    }
}
