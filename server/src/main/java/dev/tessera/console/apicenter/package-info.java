/**
 * The API Center of a manager account, for its ADMINs: the token (issue, show once, reset), the
 * contact email forms, access applications and usage; the webhooks page with each webhook's delivery log. Forms that act once use one-time form tokens.
 */
package dev.tessera.console.apicenter;
