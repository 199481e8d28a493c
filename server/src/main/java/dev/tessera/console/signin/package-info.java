/**
 * Sign-in: the page, and the lock-out after repeated failures (a filter in front of Spring Security,
 * the listener that counts failures, and the policy over counts in the database, which this package
 * alone writes: {@code sign_in_failures}, {@code sign_in_known_addresses}). Spring Security itself
 * handles the POST. The session guard ends the sessions of disabled users and of passwords changed
 * elsewhere, and holds a user who must change the password on the change-password page.
 */
package dev.tessera.console.signin;
