/**
 * Users, manager accounts, their members and roles, invitations, and client accounts. Owns and alone
 * writes {@code users}, {@code customer_ids}, {@code manager_accounts}, {@code memberships},
 * {@code member_invitations} and {@code client_accounts}; the contact feature sets the API contact email through
 * {@link dev.tessera.account.ManagerAccounts}. Users are created, disabled and enabled by an operator and change
 * their own password through {@link dev.tessera.account.UserAdministration}.
 */
package dev.tessera.account;
