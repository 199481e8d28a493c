/**
 * Sign-in: the page, and the lock-out after repeated failures (a filter in front of Spring Security,
 * plus the listener that counts failures). Spring Security itself handles the POST.
 */
package dev.tessera.console.signin;
