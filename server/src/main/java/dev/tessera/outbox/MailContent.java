package dev.tessera.outbox;

/** A mail's subject and its two bodies, plain text and simple HTML. */
public record MailContent(String subject, String text, String html) {}
