/**
 * The web console (Thymeleaf pages), one sub-package per page family: {@code signin},
 * {@code apicenter} (token, reset, contact, applications, usage), {@code operator} (review queue,
 * notifications), {@code accounts} (accounts, users, invitations, audit). This package holds what they share: the
 * advice that shows refusals, the error pages in the console's frame, the ADMIN and OPERATOR gates,
 * words for enum values ({@code Labels}), per-field form errors, dates, quota meters and charts. Uses every feature's
 * public API; no feature uses the console. Its one table pair is the sign-in lock-out's counts ({@code signin}).
 */
package dev.tessera.console;
