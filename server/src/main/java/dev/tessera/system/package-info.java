/**
 * What every feature stands on: configuration ({@code tessera.*} properties, the data directory,
 * the clock), value checks (email addresses, text fields, secret files), database timestamps and the
 * domain exceptions ({@link dev.tessera.system.TesseraException}). Depends on no feature and owns no table.
 */
package dev.tessera.system;
