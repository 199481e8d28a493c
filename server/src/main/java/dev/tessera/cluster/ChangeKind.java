package dev.tessera.cluster;

/** What a row of the change feed is about; its subject is an id of that kind. */
public enum ChangeKind {
    /** A manager account's active token or its access level; subject: the manager customer id. */
    TOKEN,
    /** A client account was created; subject: its customer id. */
    CLIENT_ACCOUNT
}
