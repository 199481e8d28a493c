/**
 * Manager accounts in the console: the start page with the user's accounts, creating one, its users
 * and roles, and its audit trail.
 */
package dev.tessera.console.accounts;
