package dev.tessera.contact;

/** A mail's subject and its two bodies, plain text and simple HTML. */
record MailContent(String subject, String text, String html) {}
