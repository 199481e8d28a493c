/**
 * Manager accounts in the console: the start page with the user's accounts, the top bar's jump box,
 * creating an account, its overview (access level, quotas and usage for every member), its users
 * with roles and last sign-ins, and its audit trail with filters and a CSV export.
 */
package dev.tessera.console.accounts;
