/**
 * Sign-in: the page, and the lock-out after repeated failures (a filter in front of Spring Security,
 * the listener that counts failures, and the policy over counts in the database, which this package
 * alone writes: {@code sign_in_failures}, {@code sign_in_known_addresses}). Spring Security itself
 * handles the POST.
 */
package dev.tessera.console.signin;
