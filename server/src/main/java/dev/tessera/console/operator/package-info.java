/**
 * The platform OPERATOR's pages: the access review queue (with each account's name, company, usage
 * and earlier applications) and every account's notifications (an
 * account's own notifications page, for its ADMINs, is here too).
 */
package dev.tessera.console.operator;
