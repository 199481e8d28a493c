/**
 * The signed-in user's own settings (issue 14): changing the password (the generated first admin is
 * held here until done, see {@code console.signin.SessionGuard}) and the API keys (create, shown once;
 * list; revoke). Writes no table itself: the account and apikey features do.
 */
package dev.tessera.console.profile;
